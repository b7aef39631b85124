using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class CustomerInsightsTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_ManyLongReasons_ChurnLabelKeepsWholeReasonsWithinTheLimit()
    {
        var reasons = Enumerable.Range(1, 6).Select(i => new FeatureContribution($"attr.{new string('x', 30)}{i}=value", i % 2 == 0 ? -0.5 : 0.5)).ToList();
        var score = new ChurnScore("c-1", 0.61234, true, reasons);

        var insights = CustomerInsights.Compute(new CustomerFeatureState { CustomerId = "c-1", RegisteredAt = AsOf }, AsOf, new AnalyticsSettings(), null, score);

        var risk = insights[InsightNames.ChurnRisk];
        Assert.Equal(0.612, risk.Value);
        Assert.True(risk.Label!.Length <= CustomerInsights.MaxLabelLength, risk.Label);
        Assert.Equal([reasons[0].Feature + " +", reasons[1].Feature + " -"], risk.Label.Split("; "));
    }

    [Fact]
    public void Alert_RiskCrossesEitherWay_WrittenOnlyOnTheCrossing()
    {
        var written = new Dictionary<string, WrittenInsight>(StringComparer.Ordinal);

        Assert.Null(CustomerInsights.Alert(written, 0.2, 0.5));
        var up = CustomerInsights.Alert(written, 0.7, 0.5);
        Assert.Equal(InsightNames.AboveThreshold, up!.Label);
        written[InsightNames.ChurnAlert] = up;
        Assert.Null(CustomerInsights.Alert(written, 0.9, 0.5));
        Assert.Equal(InsightNames.BelowThreshold, CustomerInsights.Alert(written, 0.49, 0.5)!.Label);
        Assert.Null(CustomerInsights.Alert(written, null, 0.5));
    }
}
