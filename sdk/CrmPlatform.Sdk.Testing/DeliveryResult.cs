using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Testing;

/// <summary>What one <see cref="PluginTestHost.DeliverAsync(EventEnvelope, int, CancellationToken)"/> or batch delivery did.</summary>
/// <param name="Events">Every event offered, in order, with the envelopes the host made for them.</param>
/// <param name="Delivered">The events the manifest subscribes to, which went to the handlers.</param>
/// <param name="Skipped">The events that were not delivered, with the reason.</param>
/// <param name="Handlers">The handler classes called, in call order (a class once per call).</param>
/// <param name="Calls">The <see cref="Crm.ICrm"/> calls the handlers made.</param>
public sealed record DeliveryResult(
    IReadOnlyList<EventEnvelope> Events,
    IReadOnlyList<EventEnvelope> Delivered,
    IReadOnlyList<SkippedEvent> Skipped,
    IReadOnlyList<Type> Handlers,
    IReadOnlyList<CrmCall> Calls)
{
    /// <summary>The first event offered: the one event of a single delivery.</summary>
    public EventEnvelope Envelope => Events[0];
}
