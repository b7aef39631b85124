using CrmPlatform.Sdk.Jobs;

namespace CrmPlatform.Plugins.Analytics.Jobs;

/// <summary>
/// The <c>train-churn</c> job: trains a new churn model, keeps it with its metrics, scores every customer
/// and writes churn risks and alerts. Run on demand (<c>POST /api/plugins/crm.analytics/jobs/train-churn/run</c>);
/// the <c>schedule</c> job runs it every <see cref="AnalyticsSettings.TrainingIntervalHours"/>. Fails, saying why,
/// when there are too few churned or retained customers to learn from.
/// </summary>
public sealed class TrainChurnJob(AnalyticsRuns runs) : IScheduledJob
{
    /// <inheritdoc />
    public Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return runs.TrainChurnAsync(context.Crm, context.StartedAt, cancellationToken);
    }
}
