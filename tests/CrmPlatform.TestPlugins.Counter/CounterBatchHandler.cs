using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.TestPlugins.Counter;

/// <summary>Gets every subscribed event, a partition's batch at a time, and hands it to the sink.</summary>
internal sealed class CounterBatchHandler(CounterSink sink) : IBatchEventHandler
{
    public Task HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return sink.RecordAsync(batch.Events, cancellationToken);
    }
}
