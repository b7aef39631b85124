namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>
/// Value tiers by cumulative share of revenue (Pareto analysis), and the Pareto curve itself.
/// </summary>
/// <remarks>
/// <para>
/// Customers are ranked by revenue, highest first; equal revenue is ranked by customer id (ordinal), so the ranking
/// and the curve are deterministic. Revenue below zero counts as zero.
/// </para>
/// <para>
/// A customer's tier is decided by where its slice of revenue <em>starts</em>: the share of total revenue carried by
/// the customers with strictly more revenue (<see cref="ValueTierAssignment.CumulativeShareBefore"/>). The customer
/// is VIP if that share is below <see cref="ValueTierCutoffs.Vip"/>, else key if below
/// <see cref="ValueTierCutoffs.Key"/>, else ordinary if below <see cref="ValueTierCutoffs.Ordinary"/>, else small.
/// So a customer straddling a cut-off belongs to the higher tier, the VIPs are the fewest top customers who together
/// reach the VIP cut-off, and the top customer is always VIP. Customers with equal revenue always share a tier.
/// </para>
/// <para>
/// Customers with no revenue are small; when the whole population has no revenue, everyone is small.
/// </para>
/// </remarks>
public static class ValueTiers
{
    /// <summary>Ranks the customers by revenue and assigns each a tier.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="cutoffs">Where the tiers end; <see cref="ValueTierCutoffs.Default"/> if omitted.</param>
    /// <returns>One assignment per customer, in rank order.</returns>
    public static IReadOnlyList<ValueTierAssignment> Assign(
        IEnumerable<CustomerFeatures> customers,
        ValueTierCutoffs? cutoffs = null)
    {
        cutoffs ??= ValueTierCutoffs.Default;
        cutoffs.Validate();
        var ranked = Rank(customers);
        var total = ranked.Sum(c => c.Revenue);
        var result = new List<ValueTierAssignment>(ranked.Count);
        var cumulative = 0m;
        var groupStart = 0m;
        for (var i = 0; i < ranked.Count; i++)
        {
            var (id, revenue) = ranked[i];
            if (i == 0 || revenue != ranked[i - 1].Revenue)
            {
                groupStart = cumulative;
            }

            cumulative += revenue;
            var tier = total == 0m || revenue == 0m ? ValueTier.Small : cutoffs.TierStartingAt(groupStart / total);
            result.Add(new ValueTierAssignment(
                id,
                i + 1,
                revenue,
                Share(revenue, total),
                Share(groupStart, total),
                Share(cumulative, total),
                tier));
        }

        return result;
    }

    /// <summary>
    /// The Pareto curve: starting at (0, 0), one point per customer in rank order giving the share of customers
    /// counted so far and the share of revenue they carry; it ends at (1, 1), or (1, 0) when there is no revenue.
    /// </summary>
    /// <param name="customers">The population.</param>
    /// <returns>The points; empty for an empty population.</returns>
    public static IReadOnlyList<ParetoPoint> ParetoCurve(IEnumerable<CustomerFeatures> customers)
    {
        var ranked = Rank(customers);
        if (ranked.Count == 0)
        {
            return [];
        }

        var total = ranked.Sum(c => c.Revenue);
        var points = new List<ParetoPoint>(ranked.Count + 1) { new(0m, 0m) };
        var cumulative = 0m;
        for (var i = 0; i < ranked.Count; i++)
        {
            cumulative += ranked[i].Revenue;
            points.Add(new ParetoPoint((decimal)(i + 1) / ranked.Count, Share(cumulative, total)));
        }

        return points;
    }

    private static List<(string Id, decimal Revenue)> Rank(IEnumerable<CustomerFeatures> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers
            .Select(c => (Id: c.CustomerId, Revenue: Math.Max(c.Monetary, 0m)))
            .OrderByDescending(c => c.Revenue)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static decimal Share(decimal part, decimal total) => total == 0m ? 0m : part / total;
}
