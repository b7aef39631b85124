namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>The economics the lifetime-value computation needs; money in base currency.</summary>
/// <remarks>
/// The defaults are neutral until an administrator sets real figures: a margin of 1 (contribution equals revenue),
/// no cost to serve, and an annual churn rate of 20 % (an expected remaining lifetime of five years).
/// </remarks>
public sealed record LifetimeValueOptions
{
    /// <summary>Contribution margin as a fraction of revenue, 0–1. Default 1.</summary>
    public decimal Margin { get; init; } = 1m;

    /// <summary>Cost of serving one order (picking, shipping, invoicing…); not negative. Default 0.</summary>
    public decimal CostPerOrder { get; init; }

    /// <summary>Cost of one interaction (call, email, chat…); not negative. Default 0.</summary>
    public decimal CostPerInteraction { get; init; }

    /// <summary>Cost of one service case; not negative. Default 0.</summary>
    public decimal CostPerCase { get; init; }

    /// <summary>
    /// Share of customers lost per year, in (0, 1]. Default 0.2. For a retention rate <c>r</c> use <c>1 − r</c>.
    /// </summary>
    public decimal AnnualChurnRate { get; init; } = 0.2m;

    /// <summary>
    /// The shortest period purchase frequency is measured over, so that a customer who joined yesterday and ordered
    /// once is not taken to order 365 times a year. Default 90 days.
    /// </summary>
    public TimeSpan MinimumObservationPeriod { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Throws unless every figure is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A figure is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Margin, nameof(Margin));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Margin, 1m, nameof(Margin));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerOrder, nameof(CostPerOrder));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerInteraction, nameof(CostPerInteraction));
        ArgumentOutOfRangeException.ThrowIfNegative(CostPerCase, nameof(CostPerCase));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(AnnualChurnRate, nameof(AnnualChurnRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AnnualChurnRate, 1m, nameof(AnnualChurnRate));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinimumObservationPeriod, TimeSpan.Zero, nameof(MinimumObservationPeriod));
    }
}
