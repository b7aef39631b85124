using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics;

/// <summary>
/// Keeps the feature store up to date as customers' events arrive and writes the insights that changed:
/// lifetime value always, value tier and RFM against the last refresh, churn risk (and a churn alert when it
/// crosses the threshold) with the current model. A batch is handled customer by customer, several at once;
/// a redelivered event is recognised by its sequence and not counted twice.
/// </summary>
public sealed class CustomerEventsHandler(
    IPluginState state, ChurnModelStore models, IPluginSettings<AnalyticsSettings> settings, TimeProvider time) : IBatchEventHandler
{
    private const int Parallelism = 16;

    /// <inheritdoc />
    public async Task HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var groups = batch.Events.GroupBy(e => e.CustomerId, StringComparer.Ordinal).ToList();
        var entries = new CustomerFeatureState?[groups.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, groups.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var key = CustomerFeatureState.KeyOf(groups[i].Key);
                var entry = await state.GetAsync<CustomerFeatureState>(key, ct) ?? new CustomerFeatureState { CustomerId = groups[i].Key };
                var changed = false;
                foreach (var envelope in groups[i].OrderBy(e => e.Sequence))
                {
                    changed |= FeatureUpdater.Apply(entry, envelope);
                }

                entries[i] = changed ? entry : null;
            });

        var changedEntries = entries.OfType<CustomerFeatureState>().ToList();
        if (changedEntries.Count == 0)
        {
            return;
        }

        var context = new AnalyticsContext(
            time.GetUtcNow(),
            time,
            settings.Current,
            await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken),
            await models.CurrentAsync(cancellationToken));
        await CustomerUpdater.UpdateAsync(batch.Crm, state, changedEntries, context, saveFeatures: true, cancellationToken);
    }
}
