namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>
/// RFM analysis: recency, frequency and monetary value, each scored 1–5 by quintiles of the population.
/// </summary>
/// <remarks>
/// <para>
/// The population is the customers with at least one order (<see cref="CustomerFeatures.OrderCount"/> above zero
/// and a <see cref="CustomerFeatures.LastOrderAt"/>); customers who never bought get no RFM score.
/// </para>
/// <para>
/// Recency is the whole number of days (rounded down) from the latest order to <c>asOf</c>, never below zero.
/// Frequency is the order count, monetary the revenue.
/// </para>
/// <para>
/// On each dimension, with <c>n</c> customers in the population and <c>w</c> of them strictly worse than the
/// customer (later last order; fewer orders; less revenue), the score is <c>1 + ⌊5 · w / n⌋</c>. A score therefore
/// says which fifth of the population the customer beats: 5 means it beats at least 80 % of customers, 1 that it
/// beats fewer than 20 %. With distinct values and <c>n</c> a multiple of five, each score goes to exactly a fifth of
/// the population. Equal values get the same score (the lower one a tie straddles), so the result depends on the
/// values only, never on ordering or ids; a single customer, or a population where everyone is equal, scores 1.
/// </para>
/// </remarks>
public static class RfmScores
{
    /// <summary>Scores every customer with at least one order.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="asOf">The reference time recency is measured to.</param>
    /// <returns>One score per customer who has ordered, ordered by customer id (ordinal).</returns>
    public static IReadOnlyList<RfmScore> Score(IEnumerable<CustomerFeatures> customers, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var buyers = customers
            .Where(c => c.OrderCount > 0 && c.LastOrderAt is not null)
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToList();
        var recencyDays = buyers.Select(c => RecencyDays(c.LastOrderAt!.Value, asOf)).ToArray();

        // Better is fewer days for recency, more for frequency and monetary: negate recency so "more is better" for all.
        var recency = Quintiles(recencyDays.Select(d => -(decimal)d).ToArray());
        var frequency = Quintiles(buyers.Select(c => (decimal)c.OrderCount).ToArray());
        var monetary = Quintiles(buyers.Select(c => c.Monetary).ToArray());

        return buyers
            .Select((c, i) => new RfmScore(
                c.CustomerId, recencyDays[i], c.OrderCount, c.Monetary, recency[i], frequency[i], monetary[i]))
            .ToList();
    }

    /// <summary>Whole days from <paramref name="lastOrderAt"/> to <paramref name="asOf"/>, rounded down, at least 0.</summary>
    internal static int RecencyDays(DateTimeOffset lastOrderAt, DateTimeOffset asOf) =>
        Math.Max(0, (int)Math.Floor((asOf - lastOrderAt).TotalDays));

    /// <summary>
    /// Scores each value 1 + ⌊5 · w / n⌋, where w counts the values strictly smaller (worse) than it.
    /// </summary>
    internal static int[] Quintiles(decimal[] values)
    {
        var n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ToArray();
        var scores = new int[n];
        var worse = 0;
        for (var k = 0; k < n; k++)
        {
            if (k > 0 && values[order[k]] != values[order[k - 1]])
            {
                worse = k;
            }

            scores[order[k]] = 1 + (int)((5L * worse) / n);
        }

        return scores;
    }
}
