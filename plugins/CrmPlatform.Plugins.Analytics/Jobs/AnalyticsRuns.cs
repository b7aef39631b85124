using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Plugins.Analytics.Prediction;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Jobs;

/// <summary>
/// The work of the <c>refresh</c> and <c>train-churn</c> jobs over every customer in the feature store, read a
/// page at a time; each run leaves a <see cref="JobRunRecord"/> in state.
/// </summary>
public sealed class AnalyticsRuns(
    IPluginState state, ChurnModelStore models, IPluginSettings<AnalyticsSettings> settings, TimeProvider time)
{
    /// <summary>The name of the refresh job.</summary>
    public const string Refresh = "refresh";

    /// <summary>The name of the churn training job.</summary>
    public const string TrainChurn = "train-churn";

    private const int ChunkSize = 512;

    /// <summary>Recomputes tier cut-offs and RFM quintiles over all customers and writes the insights that changed.</summary>
    public async Task<JobRunRecord> RefreshAsync(ICrm crm, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var current = settings.Current;
        var entries = new List<CustomerFeatureState>();
        await foreach (var (_, entry) in state.ListAsync<CustomerFeatureState>(CustomerFeatureState.KeyPrefix, cancellationToken))
        {
            entries.Add(entry);
        }

        var population = PopulationAnalysis.Analyse(entries, current, startedAt);
        entries.Clear();
        await state.SetAsync(PopulationSnapshot.Key, population, cancellationToken);
        var context = new AnalyticsContext(startedAt, time, current, population, await models.CurrentAsync(cancellationToken));
        var outcome = await UpdateEveryoneAsync(crm, context, cancellationToken);
        var record = new JobRunRecord(
            Refresh, startedAt, true, $"{population.Customers} customers, {population.Buyers} with orders; tiers {string.Join('/', population.TierSizes)}; {population.Segments.Count} segments; {population.OfferRules.Count} offer rules",
            outcome.Customers, outcome.InsightsWritten, 0, outcome.ScoringMilliseconds, outcome.WritingMilliseconds, time.GetElapsedTime(clock).TotalMilliseconds);
        await state.SetAsync(JobRunRecord.KeyPrefix + Refresh, record, cancellationToken);
        return record;
    }

    /// <summary>
    /// Trains a churn model on customers who reached Decline or Terminated against those who did not, makes it
    /// current, and scores every customer. Throws when there is not enough to learn from.
    /// </summary>
    public async Task<JobRunRecord> TrainChurnAsync(ICrm crm, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var examples = new List<ChurnExample>();
        await foreach (var (_, entry) in state.ListAsync<CustomerFeatureState>(CustomerFeatureState.KeyPrefix, cancellationToken))
        {
            examples.Add(new ChurnExample(FeatureVectors.ToVector(entry, startedAt), entry.Churned));
        }

        var training = time.GetTimestamp();
        var model = new ChurnTrainer(time).Train(examples, TrainingOptions(examples.Count));
        var trainingMs = time.GetElapsedTime(training).TotalMilliseconds;
        examples.Clear();
        await models.PublishAsync(model, cancellationToken);

        var context = new AnalyticsContext(
            startedAt, time, settings.Current, await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken), model);
        var outcome = await UpdateEveryoneAsync(crm, context, cancellationToken);
        var metrics = model.Version.Metrics;
        var record = new JobRunRecord(
            TrainChurn, startedAt, true, $"model {model.Version.Version}: ROC AUC {metrics.RocAuc:0.000}, PR AUC {metrics.PrAuc:0.000}, F1 {metrics.F1:0.000}",
            outcome.Customers, outcome.InsightsWritten, trainingMs, outcome.ScoringMilliseconds, outcome.WritingMilliseconds, time.GetElapsedTime(clock).TotalMilliseconds);
        await state.SetAsync(JobRunRecord.KeyPrefix + TrainChurn, record, cancellationToken);
        return record;
    }

    /// <summary>
    /// The trainer's defaults, with leaves allowed to hold fewer customers on small populations (one in fifty of
    /// them, at least 5) so that a few hundred customers still give trees that split; from 5,000 customers on,
    /// the defaults apply unchanged.
    /// </summary>
    public static ChurnTrainingOptions TrainingOptions(int customers)
    {
        var defaults = new ChurnTrainingOptions();
        return defaults with { MinimumExampleCountPerLeaf = Math.Clamp(customers / 50, 5, defaults.MinimumExampleCountPerLeaf) };
    }

    /// <summary>The last run of a job, or null.</summary>
    public Task<JobRunRecord?> LastRunAsync(string job, CancellationToken cancellationToken) =>
        state.GetAsync<JobRunRecord>(JobRunRecord.KeyPrefix + job, cancellationToken);

    /// <summary>Records a run that could not do its work.</summary>
    public Task RecordSkippedAsync(string job, DateTimeOffset startedAt, string reason, CancellationToken cancellationToken) =>
        state.SetAsync(JobRunRecord.KeyPrefix + job, new JobRunRecord(job, startedAt, false, reason, 0, 0, 0, 0, 0, 0), cancellationToken);

    private async Task<CustomerUpdater.Outcome> UpdateEveryoneAsync(ICrm crm, AnalyticsContext context, CancellationToken cancellationToken)
    {
        var total = new CustomerUpdater.Outcome(0, 0, 0, 0);
        var chunk = new List<CustomerFeatureState>(ChunkSize);
        await foreach (var (_, entry) in state.ListAsync<CustomerFeatureState>(CustomerFeatureState.KeyPrefix, cancellationToken))
        {
            chunk.Add(entry);
            if (chunk.Count == ChunkSize)
            {
                total = Add(total, await CustomerUpdater.UpdateAsync(crm, state, chunk, context, saveFeatures: false, cancellationToken));
                chunk = new List<CustomerFeatureState>(ChunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            total = Add(total, await CustomerUpdater.UpdateAsync(crm, state, chunk, context, saveFeatures: false, cancellationToken));
        }

        return total;
    }

    private static CustomerUpdater.Outcome Add(CustomerUpdater.Outcome a, CustomerUpdater.Outcome b) =>
        new(a.Customers + b.Customers, a.InsightsWritten + b.InsightsWritten, a.ScoringMilliseconds + b.ScoringMilliseconds, a.WritingMilliseconds + b.WritingMilliseconds);
}
