using CrmPlatform.Sdk.Jobs;

namespace CrmPlatform.Plugins.Analytics.Jobs;

/// <summary>
/// The <c>refresh</c> job: value-tier cut-offs and RFM quintiles over every customer, then the insights that
/// changed. Run on demand (<c>POST /api/plugins/crm.analytics/jobs/refresh/run</c>); the <c>schedule</c> job
/// runs it every <see cref="AnalyticsSettings.RefreshIntervalMinutes"/>.
/// </summary>
public sealed class RefreshJob(AnalyticsRuns runs) : IScheduledJob
{
    /// <inheritdoc />
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runs.RefreshAsync(context.Crm, context.StartedAt, cancellationToken);
    }
}
