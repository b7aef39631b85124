namespace CrmPlatform.Host.Sales;

/// <summary>The weighted pipeline as of an instant: open opportunities expected to close in its month or later.</summary>
internal sealed record Forecast(DateTimeOffset AsOf, IReadOnlyList<ForecastLine> Lines);
