using CrmPlatform.Plugins.Analytics.Descriptive;
using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Offers;
using CrmPlatform.Plugins.Analytics.Segments;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>
/// What the last full <c>refresh</c> learnt about the whole population (state key <c>model/population</c>):
/// the revenue each value tier starts at and the RFM quintile cut values, so that one customer can be placed
/// as its events arrive without reading everyone else; plus the figures the reports show.
/// </summary>
public sealed record PopulationSnapshot
{
    /// <summary>The state key.</summary>
    public const string Key = "model/population";

    /// <summary>When the refresh ran.</summary>
    public DateTimeOffset ComputedAt { get; init; }

    /// <summary>Customers in the feature store.</summary>
    public int Customers { get; init; }

    /// <summary>Customers with at least one order (the RFM population).</summary>
    public int Buyers { get; init; }

    /// <summary>Total revenue.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Lowest revenue of a VIP, key and ordinary customer; null when a tier is empty.</summary>
    public decimal?[] TierMinimumRevenue { get; init; } = [null, null, null];

    /// <summary>Customers per tier (VIP, key, ordinary, small).</summary>
    public int[] TierSizes { get; init; } = [0, 0, 0, 0];

    /// <summary>Revenue per tier (VIP, key, ordinary, small).</summary>
    public decimal[] TierRevenue { get; init; } = [0m, 0m, 0m, 0m];

    /// <summary>For RFM scores 2–5: the most days since the last order that still scores it (index 0 is score 2).</summary>
    public int?[] RecencyMaxDays { get; init; } = [null, null, null, null];

    /// <summary>For frequency scores 2–5: the fewest orders that score it.</summary>
    public int?[] FrequencyMin { get; init; } = [null, null, null, null];

    /// <summary>For monetary scores 2–5: the least revenue that scores it.</summary>
    public decimal?[] MonetaryMin { get; init; } = [null, null, null, null];

    /// <summary>Customers per RFM code (<c>555</c>…).</summary>
    public Dictionary<string, int> RfmCodes { get; init; } = [];

    /// <summary>The Pareto curve, at most 101 points.</summary>
    public IReadOnlyList<ParetoPoint> Pareto { get; init; } = [];

    /// <summary>The customer segments (k-means), largest first; empty when there were too few customers.</summary>
    public IReadOnlyList<Segment> Segments { get; init; } = [];

    /// <summary>How the segments' features were standardised, to place a customer in its nearest segment.</summary>
    public IReadOnlyList<FeatureScale> SegmentScales { get; init; } = [];

    /// <summary>The strongest product pair rules, best first (the order next best offers are chosen in).</summary>
    public IReadOnlyList<AssociationRule> OfferRules { get; init; } = [];

    /// <summary>The customer's segment, or null without segments.</summary>
    public Segment? SegmentOf(FeatureVector customer)
    {
        if (Segments.Count == 0)
        {
            return null;
        }

        var id = new Segmentation(Segments, new Dictionary<string, int>(), SegmentScales).Assign(customer);
        return Segments.First(s => s.Id == id);
    }

    /// <summary>The best product the customer has not bought yet by the stored rules (as <see cref="ProductAffinity.NextBestOffer(IReadOnlyCollection{string})"/> chooses), or null.</summary>
    public AssociationRule? NextBestOffer(IReadOnlyCollection<string> bought)
    {
        ArgumentNullException.ThrowIfNull(bought);
        return bought.Count == 0 ? null : OfferRules.FirstOrDefault(r => bought.Contains(r.Antecedent) && !bought.Contains(r.Consequent));
    }

    /// <summary>The tier of a customer with <paramref name="revenue"/>, against this run's cut values.</summary>
    public ValueTier TierOf(decimal revenue) =>
        revenue <= 0m ? ValueTier.Small
        : TierMinimumRevenue[0] is { } vip && revenue >= vip ? ValueTier.Vip
        : TierMinimumRevenue[1] is { } key && revenue >= key ? ValueTier.Key
        : TierMinimumRevenue[2] is { } ordinary && revenue >= ordinary ? ValueTier.Ordinary
        : ValueTier.Small;

    /// <summary>The RFM scores of a buyer against this run's cut values.</summary>
    public (int Recency, int Frequency, int Monetary) RfmOf(int recencyDays, int frequency, decimal monetary)
    {
        var r = 1;
        var f = 1;
        var m = 1;
        for (var s = 0; s < 4; s++)
        {
            r += RecencyMaxDays[s] is { } days && recencyDays <= days ? 1 : 0;
            f += FrequencyMin[s] is { } orders && frequency >= orders ? 1 : 0;
            m += MonetaryMin[s] is { } money && monetary >= money ? 1 : 0;
        }

        return (r, f, m);
    }
}
