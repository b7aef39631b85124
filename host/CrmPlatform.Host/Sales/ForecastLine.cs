namespace CrmPlatform.Host.Sales;

/// <summary>
/// The weighted pipeline of one owner for one expected close month in one currency: the sum of
/// amount × probability of the open opportunities in it, and how many there are.
/// </summary>
internal sealed record ForecastLine(string Month, string Owner, string Currency, decimal Weighted, decimal Unweighted, int Count);
