using CrmPlatform.Plugins.Analytics.Prediction;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>What customers are measured against in one pass: the time, the settings, the last refresh and the current churn model.</summary>
/// <param name="AsOf">The time recency and tenure are measured to.</param>
/// <param name="Time">The clock, for timings.</param>
/// <param name="Settings">The plugin's settings.</param>
/// <param name="Population">The last full refresh, if there was one.</param>
/// <param name="Model">The current churn model, if one was trained.</param>
public sealed record AnalyticsContext(
    DateTimeOffset AsOf, TimeProvider Time, AnalyticsSettings Settings, PopulationSnapshot? Population, ChurnModel? Model);
