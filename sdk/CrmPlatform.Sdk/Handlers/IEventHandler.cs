using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Handlers;

/// <summary>
/// Handles one type of customer event. Delivery is at least once and in order per customer: a
/// handler that can see an event twice (after a crash, a retry or a replay) uses
/// <see cref="EventEnvelope.EventId"/> to do its work only once. Writes through
/// <see cref="Delivery{TEvent}.Crm"/> are idempotent across redeliveries by themselves.
/// </summary>
/// <typeparam name="TEvent">The event type; the manifest must subscribe to it.</typeparam>
#pragma warning disable CA1711 // "Handler" of customer events, not a .NET event delegate.
public interface IEventHandler<TEvent>
    where TEvent : ICustomerEvent
{
    /// <summary>Handles the event. Throwing makes the platform retry it with backoff and then dead-letter it.</summary>
    /// <param name="delivery">The event, its envelope and a scoped <see cref="Crm.ICrm"/>.</param>
    /// <param name="cancellationToken">Signalled when the call's time budget runs out or the plugin stops.</param>
    Task HandleAsync(Delivery<TEvent> delivery, CancellationToken cancellationToken);
}
#pragma warning restore CA1711
