using System.ComponentModel.DataAnnotations;
using CrmPlatform.Plugins.Analytics.Descriptive;

namespace CrmPlatform.Plugins.Analytics;

/// <summary>
/// The analytics plugin's settings (<c>PUT /api/plugins/crm.analytics/settings</c>): value-tier cut-offs,
/// the economics of lifetime value, the churn-risk threshold and how often the jobs run.
/// </summary>
public sealed class AnalyticsSettings : IValidatableObject
{
    /// <summary>End of the VIP band as a cumulative share of revenue (0–1). Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public decimal VipCutoff { get; set; } = 0.50m;

    /// <summary>End of the key band (at least <see cref="VipCutoff"/>). Default 0.8.</summary>
    [Range(0.01, 1.0)]
    public decimal KeyCutoff { get; set; } = 0.80m;

    /// <summary>End of the ordinary band (at least <see cref="KeyCutoff"/>). Default 0.95.</summary>
    [Range(0.01, 1.0)]
    public decimal OrdinaryCutoff { get; set; } = 0.95m;

    /// <summary>Contribution margin, 0–1. Default 1.</summary>
    [Range(0.0, 1.0)]
    public decimal Margin { get; set; } = 1m;

    /// <summary>Cost of serving one order. Default 0.</summary>
    [Range(0.0, 1_000_000.0)]
    public decimal CostPerOrder { get; set; }

    /// <summary>Cost of one interaction. Default 0.</summary>
    [Range(0.0, 1_000_000.0)]
    public decimal CostPerInteraction { get; set; }

    /// <summary>Cost of one service case. Default 0.</summary>
    [Range(0.0, 1_000_000.0)]
    public decimal CostPerCase { get; set; }

    /// <summary>Share of customers lost per year, in (0, 1]. Default 0.2.</summary>
    [Range(0.001, 1.0)]
    public decimal AnnualChurnRate { get; set; } = 0.2m;

    /// <summary>Shortest period purchase frequency is measured over, in days. Default 90.</summary>
    [Range(1, 3650)]
    public int MinimumObservationDays { get; set; } = 90;

    /// <summary>Churn probability from which a customer gets the <c>churn-alert</c> insight <c>above-threshold</c>. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double ChurnRiskThreshold { get; set; } = 0.5;

    /// <summary>How many features the <c>churn-risk</c> insight names as its reasons (1–10). Default 3.</summary>
    [Range(1, 10)]
    public int ChurnReasons { get; set; } = 3;

    /// <summary>Minutes between scheduled <c>refresh</c> runs (tiers, RFM quintiles, segments). Default 60.</summary>
    [Range(1, 10_080)]
    public int RefreshIntervalMinutes { get; set; } = 60;

    /// <summary>Hours between scheduled <c>train-churn</c> runs. Default 24.</summary>
    [Range(1, 2_160)]
    public int TrainingIntervalHours { get; set; } = 24;

    /// <summary>Number of customer segments (k of k-means). Default 5.</summary>
    [Range(2, 20)]
    public int SegmentCount { get; set; } = 5;

    /// <summary>The numeric features segments are clustered on (see docs/analytics.md for the names).</summary>
    [Required]
    [MinLength(1)]
    public IReadOnlyList<string> SegmentFeatures { get; set; } = ["recency.days", "orders.count", "monetary.total", "tenure.days"];

    /// <summary>Categorical features whose typical value describes a segment, for example <c>attr.contract</c>.</summary>
    [Required]
    public IReadOnlyList<string> SegmentDescribeCategories { get; set; } = [];

    /// <summary>Least share of customers who bought both products of an offer rule (0–1). Default 0.01.</summary>
    [Range(0.0, 1.0)]
    public double OfferMinimumSupport { get; set; } = 0.01;

    /// <summary>Least share of buyers of a product who also bought the offered one (0–1). Default 0.1.</summary>
    [Range(0.0, 1.0)]
    public double OfferMinimumConfidence { get; set; } = 0.1;

    /// <summary>The cut-offs as the value-tier computation takes them.</summary>
    internal ValueTierCutoffs Cutoffs => new(VipCutoff, KeyCutoff, OrdinaryCutoff);

    /// <summary>The economics as the lifetime-value computation takes them.</summary>
    internal LifetimeValueOptions LifetimeValue => new()
    {
        Margin = Margin,
        CostPerOrder = CostPerOrder,
        CostPerInteraction = CostPerInteraction,
        CostPerCase = CostPerCase,
        AnnualChurnRate = AnnualChurnRate,
        MinimumObservationPeriod = TimeSpan.FromDays(MinimumObservationDays),
    };

    /// <summary>The cut-offs must be in order.</summary>
    /// <param name="validationContext">The context of the validation.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyCutoff < VipCutoff)
        {
            yield return new ValidationResult("KeyCutoff must be at least VipCutoff.", [nameof(KeyCutoff)]);
        }

        if (OrdinaryCutoff < KeyCutoff)
        {
            yield return new ValidationResult("OrdinaryCutoff must be at least KeyCutoff.", [nameof(OrdinaryCutoff)]);
        }
    }
}
