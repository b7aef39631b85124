using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records each delivery of <typeparamref name="TEvent"/> (one small subclass per event type, found by scanning).</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
internal abstract class ProbeEventHandler<TEvent>(ProbeRecorder recorder) : IEventHandler<TEvent>
    where TEvent : ICustomerEvent
{
    public Task HandleAsync(Delivery<TEvent> delivery, CancellationToken cancellationToken) =>
        recorder.HandleAsync(delivery.Envelope, delivery.Attempt);
}
