using System.Globalization;
using CrmPlatform.Plugins.Analytics.Descriptive;
using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Offers;
using CrmPlatform.Plugins.Analytics.Segments;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>Computes a <see cref="PopulationSnapshot"/> from every customer's features.</summary>
public static class PopulationAnalysis
{
    /// <summary>The most offer rules kept.</summary>
    public const int MaxOfferRules = 200;

    /// <summary>Ranks, tiers and RFM-scores the population, segments it and learns product pair rules.</summary>
    public static PopulationSnapshot Analyse(IReadOnlyList<CustomerFeatureState> entries, AnalyticsSettings settings, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(settings);
        var customers = entries.Select(e => FeatureVectors.ToCustomerFeatures(e, asOf)).ToList();
        var snapshot = Describe(customers, settings.Cutoffs, asOf);
        var segmentation = Segment(entries, settings, asOf);
        var baskets = entries.Where(e => e.Products.Count > 0).ToDictionary(e => e.CustomerId, e => (IReadOnlyCollection<string>)e.Products, StringComparer.Ordinal);
        var rules = baskets.Count == 0
            ? []
            : ProductAffinity.Learn(baskets, new AssociationRuleOptions { MinimumSupport = settings.OfferMinimumSupport, MinimumConfidence = settings.OfferMinimumConfidence }).Rules;
        return snapshot with
        {
            Segments = segmentation?.Segments ?? [],
            SegmentScales = segmentation?.Scales ?? [],
            OfferRules = [.. rules.Take(MaxOfferRules)],
        };
    }

    /// <summary>Ranks, tiers and RFM-scores the population.</summary>
    public static PopulationSnapshot Describe(IReadOnlyList<CustomerFeatures> customers, ValueTierCutoffs cutoffs, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var tiers = ValueTiers.Assign(customers, cutoffs);
        var rfm = RfmScores.Score(customers, asOf);
        var sizes = new int[4];
        var revenue = new decimal[4];
        var minimum = new decimal?[3];
        foreach (var assignment in tiers)
        {
            var t = (int)assignment.Tier;
            sizes[t]++;
            revenue[t] += assignment.Revenue;
            if (t < 3 && assignment.Revenue > 0m)
            {
                minimum[t] = minimum[t] is { } m ? Math.Min(m, assignment.Revenue) : assignment.Revenue;
            }
        }

        var recency = new int?[4];
        var frequency = new int?[4];
        var monetary = new decimal?[4];
        foreach (var score in rfm)
        {
            for (var s = 2; s <= 5; s++)
            {
                if (score.Recency >= s)
                {
                    recency[s - 2] = Math.Max(recency[s - 2] ?? int.MinValue, score.RecencyDays);
                }

                if (score.FrequencyScore >= s)
                {
                    frequency[s - 2] = Math.Min(frequency[s - 2] ?? int.MaxValue, score.Frequency);
                }

                if (score.MonetaryScore >= s)
                {
                    monetary[s - 2] = Math.Min(monetary[s - 2] ?? decimal.MaxValue, score.Monetary);
                }
            }
        }

        return new PopulationSnapshot
        {
            ComputedAt = asOf,
            Customers = customers.Count,
            Buyers = rfm.Count,
            Revenue = tiers.Sum(t => t.Revenue),
            TierMinimumRevenue = minimum,
            TierSizes = sizes,
            TierRevenue = revenue,
            RecencyMaxDays = recency,
            FrequencyMin = frequency,
            MonetaryMin = monetary,
            RfmCodes = rfm.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Pareto = Thin(ValueTiers.ParetoCurve(customers)),
        };
    }

    /// <summary>The RFM insight label of scores.</summary>
    public static string Code(int recency, int frequency, int monetary) =>
        string.Create(CultureInfo.InvariantCulture, $"{recency}{frequency}{monetary}");

    private static Segmentation? Segment(IReadOnlyList<CustomerFeatureState> entries, AnalyticsSettings settings, DateTimeOffset asOf)
    {
        if (entries.Count < settings.SegmentCount * 2)
        {
            return null;
        }

        var options = new SegmentationOptions
        {
            Features = settings.SegmentFeatures,
            DescribeCategories = settings.SegmentDescribeCategories,
            SegmentCount = settings.SegmentCount,
        };
        try
        {
            return CustomerSegmenter.Segment([.. entries.Select(e => FeatureVectors.ToVector(e, asOf))], options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // Fewer distinct customers than segments (k-means cannot place k centroids): no segments this time.
            return null;
        }
    }

    private static List<ParetoPoint> Thin(IReadOnlyList<ParetoPoint> curve)
    {
        if (curve.Count <= 101)
        {
            return [.. curve];
        }

        return [.. Enumerable.Range(0, 101).Select(i => curve[(int)Math.Round(i * (curve.Count - 1) / 100.0)])];
    }
}
