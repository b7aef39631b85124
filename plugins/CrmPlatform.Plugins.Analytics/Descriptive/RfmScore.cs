using System.Globalization;

namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>One customer's RFM scores: 1 (worst fifth of the population) to 5 (best fifth) on each dimension.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RecencyDays">Whole days from the latest order to the reference time; fewer is better.</param>
/// <param name="Frequency">Orders placed; more is better.</param>
/// <param name="Monetary">Revenue in base currency; more is better.</param>
/// <param name="Recency">The recency score, 1–5.</param>
/// <param name="FrequencyScore">The frequency score, 1–5.</param>
/// <param name="MonetaryScore">The monetary score, 1–5.</param>
public sealed record RfmScore(
    string CustomerId,
    int RecencyDays,
    int Frequency,
    decimal Monetary,
    int Recency,
    int FrequencyScore,
    int MonetaryScore)
{
    /// <summary>The three scores as one code, recency first, for example <c>545</c>.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{Recency}{FrequencyScore}{MonetaryScore}");
}
