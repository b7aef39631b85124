using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Settings;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Plugins.Analytics.Jobs;

/// <summary>
/// The <c>schedule</c> job, every minute: runs <c>refresh</c> and <c>train-churn</c> when their intervals from
/// the settings have passed since their last runs (on-demand runs count). A training that cannot happen yet
/// (too few churned customers) is recorded and tried again at the next interval.
/// </summary>
public sealed partial class ScheduleJob(AnalyticsRuns runs, IPluginSettings<AnalyticsSettings> settings, ILogger<ScheduleJob> logger) : IScheduledJob
{
    /// <summary>How often the schedule is looked at.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = settings.Current;
        if (await IsDueAsync(AnalyticsRuns.Refresh, TimeSpan.FromMinutes(current.RefreshIntervalMinutes), context.StartedAt, cancellationToken))
        {
            await runs.RefreshAsync(context.Crm, context.StartedAt, cancellationToken);
        }

        if (await IsDueAsync(AnalyticsRuns.TrainChurn, TimeSpan.FromHours(current.TrainingIntervalHours), context.StartedAt, cancellationToken))
        {
            try
            {
                await runs.TrainChurnAsync(context.Crm, context.StartedAt, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                LogTrainingSkipped(ex.Message);
                await runs.RecordSkippedAsync(AnalyticsRuns.TrainChurn, context.StartedAt, ex.Message, cancellationToken);
            }
        }
    }

    private async Task<bool> IsDueAsync(string job, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken) =>
        await runs.LastRunAsync(job, cancellationToken) is not { } last || now - last.StartedAt >= interval;

    [LoggerMessage(Level = LogLevel.Information, Message = "Churn training skipped: {Reason}")]
    private partial void LogTrainingSkipped(string reason);
}
