using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Jobs;
using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Analytics;

/// <summary>
/// The analytics plugin's entry point: its settings, its jobs and the services they share. The platform finds
/// <see cref="CustomerEventsHandler"/> and the reports by scanning.
/// </summary>
public sealed class AnalyticsPlugin : IPlugin
{
    /// <summary>
    /// The declared interval of <c>refresh</c> and <c>train-churn</c>: long, because the <c>schedule</c> job runs them
    /// at the intervals of the settings; declaring them makes them runnable on demand.
    /// </summary>
    public static readonly TimeSpan OnDemandInterval = TimeSpan.FromDays(30);

    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<AnalyticsSettings>()
            .AddScheduledJob<ScheduleJob>("schedule", ScheduleJob.Tick)
            .AddScheduledJob<RefreshJob>(AnalyticsRuns.Refresh, OnDemandInterval)
            .AddScheduledJob<TrainChurnJob>(AnalyticsRuns.TrainChurn, OnDemandInterval);
        builder.Services.AddSingleton<ChurnModelStore>();
        builder.Services.AddScoped<AnalyticsRuns>();
    }
}
