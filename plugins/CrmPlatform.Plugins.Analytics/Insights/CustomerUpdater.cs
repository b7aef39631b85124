using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Prediction;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>
/// Brings a group of customers' insights up to date: scores them with the churn model in one pass, writes
/// the insights that changed (several customers at once) and saves their feature-store entries.
/// </summary>
public static class CustomerUpdater
{
    private const int Parallelism = 16;

    /// <summary>What one update did.</summary>
    /// <param name="Customers">Customers looked at.</param>
    /// <param name="InsightsWritten">Insights written (unchanged ones are not).</param>
    /// <param name="ScoringMilliseconds">Time spent scoring churn risk.</param>
    /// <param name="WritingMilliseconds">Time spent writing insights and saving entries.</param>
    public sealed record Outcome(int Customers, int InsightsWritten, double ScoringMilliseconds, double WritingMilliseconds);

    /// <summary>
    /// Updates the customers' insights; with <paramref name="saveFeatures"/> (the event handler, the only writer
    /// of features) their feature-store entries are saved after the insights are written.
    /// </summary>
    public static async Task<Outcome> UpdateAsync(
        ICrm crm,
        IPluginState state,
        IReadOnlyList<CustomerFeatureState> customers,
        AnalyticsContext context,
        bool saveFeatures,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(context);
        var started = context.Time.GetTimestamp();
        var scores = new ChurnScore?[customers.Count];
        if (context.Model is { } model)
        {
            var scored = model.ScoreMany([.. customers.Select(c => FeatureVectors.ToVector(c, context.AsOf))], context.Settings.ChurnReasons);
            for (var i = 0; i < scored.Count; i++)
            {
                scores[i] = scored[i];
            }
        }

        var scoring = context.Time.GetElapsedTime(started).TotalMilliseconds;

        started = context.Time.GetTimestamp();
        var total = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, customers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var customer = customers[i];
                var desired = CustomerInsights.Compute(customer, context.AsOf, context.Settings, context.Population, scores[i]);
                var memoKey = WrittenInsight.KeyOf(customer.CustomerId);
                var written = await state.GetAsync<Dictionary<string, WrittenInsight>>(memoKey, ct) ?? new(StringComparer.Ordinal);
                var count = await InsightWriter.WriteChangesAsync(crm, customer.CustomerId, written, desired, context.Settings.ChurnRiskThreshold, ct);
                if (count > 0)
                {
                    await state.SetAsync(memoKey, written, ct);
                }

                if (saveFeatures)
                {
                    await state.SetAsync(CustomerFeatureState.KeyOf(customer.CustomerId), customer, ct);
                }

                Interlocked.Add(ref total, count);
            });
        return new Outcome(customers.Count, total, scoring, context.Time.GetElapsedTime(started).TotalMilliseconds);
    }
}
