using System.Globalization;
using CrmPlatform.Plugins.Analytics.Descriptive;
using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>Works out the insights one customer should carry now, from its features and the current population and churn model.</summary>
public static class CustomerInsights
{
    /// <summary>The longest insight label the platform takes.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>The insights by name; one without a basis yet (no refresh, no model) is left out.</summary>
    public static Dictionary<string, WrittenInsight> Compute(
        CustomerFeatureState state, DateTimeOffset asOf, AnalyticsSettings settings, PopulationSnapshot? population, ChurnScore? churn)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var features = FeatureVectors.ToCustomerFeatures(state, asOf);
        var clv = LifetimeValue.Estimate(features, asOf, settings.LifetimeValue);
        var insights = new Dictionary<string, WrittenInsight>(StringComparer.Ordinal)
        {
            [InsightNames.ClvHistorical] = new(Money(clv.Historical), null),
            [InsightNames.ClvPredicted] = new(Money(clv.Predicted), null),
        };
        if (population is not null)
        {
            var tier = population.TierOf(features.Monetary);
            insights[InsightNames.ValueTier] = new(Money(Math.Max(0m, features.Monetary)), tier.ToString().ToLowerInvariant());
            if (features.OrderCount > 0 && features.LastOrderAt is { } last)
            {
                var (r, f, m) = population.RfmOf(RfmScores.RecencyDays(last, asOf), features.OrderCount, features.Monetary);
                insights[InsightNames.Rfm] = new(r + f + m, PopulationAnalysis.Code(r, f, m));
            }

            if (population.SegmentOf(FeatureVectors.ToVector(state, asOf)) is { } segment)
            {
                insights[InsightNames.Segment] = new(segment.Id, string.IsNullOrWhiteSpace(segment.Description) ? null : Fit(segment.Description));
            }

            if (population.NextBestOffer(state.Products) is { } offer)
            {
                insights[InsightNames.NextBestOffer] = new(Math.Round(offer.Confidence, 3), Fit(offer.Consequent));
            }
        }

        if (churn is not null)
        {
            insights[InsightNames.ChurnRisk] = new(Math.Round(churn.Probability, 3), Reasons(churn) is { Length: > 0 } reasons ? reasons : null);
        }

        return insights;
    }

    /// <summary>The churn-alert insight to write now, if the risk crossed the threshold since the last alert.</summary>
    public static WrittenInsight? Alert(IReadOnlyDictionary<string, WrittenInsight> written, double? probability, double threshold)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (probability is not { } p)
        {
            return null;
        }

        var wasAbove = written.TryGetValue(InsightNames.ChurnAlert, out var previous) && previous.Label == InsightNames.AboveThreshold;
        var isAbove = p >= threshold;
        return isAbove == wasAbove ? null : new WrittenInsight(Math.Round(p, 3), isAbove ? InsightNames.AboveThreshold : InsightNames.BelowThreshold);
    }

    private static double Money(decimal amount) => (double)Math.Round(amount, 2);

    /// <summary>The features that pushed the risk most, strongest first, each with the way it pushed (+ up, - down), as many as fit in a label.</summary>
    private static string Reasons(ChurnScore churn)
    {
        var label = string.Empty;
        foreach (var reason in churn.TopContributions.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Feature} {(c.Contribution >= 0 ? "+" : "-")}")))
        {
            var next = label.Length == 0 ? reason : label + "; " + reason;
            if (next.Length > MaxLabelLength)
            {
                break;
            }

            label = next;
        }

        return label.Length == 0 && churn.TopContributions.Count > 0 ? Fit(churn.TopContributions[0].Feature) : label;
    }

    /// <summary>The text cut to the longest label the platform takes.</summary>
    private static string Fit(string text) => text.Length <= MaxLabelLength ? text : string.Concat(text.AsSpan(0, MaxLabelLength - 1), "…");
}
