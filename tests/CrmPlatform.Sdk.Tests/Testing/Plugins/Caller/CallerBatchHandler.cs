using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;

/// <summary>Counts the events it saw in batches into the plugin state.</summary>
internal sealed class CallerBatchHandler(IPluginState state) : IBatchEventHandler
{
    public async Task HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var seen = await state.GetAsync<List<long>>("batch-sizes", cancellationToken) ?? [];
        seen.Add(batch.Events.Count);
        await state.SetAsync("batch-sizes", seen, cancellationToken);
    }
}
