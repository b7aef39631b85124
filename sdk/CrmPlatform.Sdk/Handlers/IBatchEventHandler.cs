namespace CrmPlatform.Sdk.Handlers;

/// <summary>
/// Handles the plugin's subscribed events a batch at a time, for handlers that write in bulk (for
/// example analytics). A batch holds events of one partition of the log, in log order, so each
/// customer's events are in order. When a batch keeps failing, the platform delivers its events
/// one by one to find and dead-letter the ones that fail.
/// </summary>
#pragma warning disable CA1711 // "Handler" of customer events, not a .NET event delegate.
public interface IBatchEventHandler
{
    /// <summary>Handles the batch. Throwing makes the platform retry it.</summary>
    /// <param name="batch">The events and a scoped <see cref="Crm.ICrm"/>.</param>
    /// <param name="cancellationToken">Signalled when the call's time budget runs out or the plugin stops.</param>
    Task HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken);
}
#pragma warning restore CA1711
