namespace CrmPlatform.Grains.Customers.Options;

/// <summary>Thresholds of the automatic lifecycle rules.</summary>
public sealed class LifecycleRuleOptions
{
    /// <summary>A customer in Growth with at least this many orders moves to Maturity.</summary>
    public int MaturityOrderCount { get; set; } = 5;

    /// <summary>A customer in Growth with at least this revenue (base currency) moves to Maturity.</summary>
    public decimal MaturityRevenue { get; set; } = 5_000m;

    /// <summary>A customer in Growth or Maturity with no order (nor stage change) for this many days moves to Decline.</summary>
    public int DeclineAfterDays { get; set; } = 180;
}
