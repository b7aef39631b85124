using System.Globalization;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Testing;

/// <content>Delivering events to the plugin's handlers.</content>
public sealed partial class PluginTestHost
{
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly Lock _logGate = new();
    private long _position;

    /// <summary>
    /// Wraps <paramref name="event"/> in an envelope as the log would: a new event id, the customer's
    /// next sequence, the next log position, and the host's clock for both times.
    /// </summary>
    public EventEnvelope NewEnvelope(string customerId, ICustomerEvent @event)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(@event);
        var now = Time.GetUtcNow();
        lock (_logGate)
        {
            var sequence = _sequences.GetValueOrDefault(customerId) + 1;
            _sequences[customerId] = sequence;
            return new EventEnvelope(Guid.CreateVersion7(now), customerId, sequence, ++_position, now, now, _actor, null, null, @event);
        }
    }

    /// <summary>Delivers a new event of <paramref name="customerId"/> (see <see cref="NewEnvelope"/>), first attempt.</summary>
    public Task<DeliveryResult> DeliverAsync(string customerId, ICustomerEvent @event, CancellationToken cancellationToken = default) =>
        DeliverAsync(NewEnvelope(customerId, @event), 1, cancellationToken);

    /// <summary>
    /// Delivers one event, in a DI scope of its own, to every <see cref="IEventHandler{TEvent}"/> of
    /// its type (writes keyed <c>plugin:{pluginId}:{eventId:N}:{n}</c>), then to every
    /// <see cref="IBatchEventHandler"/> as a batch of one (see <see cref="DeliverBatchAsync"/>).
    /// Deliver the same envelope again to simulate a redelivery. An event the manifest does not
    /// subscribe to is skipped.
    /// </summary>
    /// <param name="envelope">The event; see <see cref="NewEnvelope"/>.</param>
    /// <param name="attempt">1 for the first delivery, more for retries.</param>
    /// <param name="cancellationToken">Passed to the handlers.</param>
    public Task<DeliveryResult> DeliverAsync(EventEnvelope envelope, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return DeliverBatchAsync([envelope], attempt, cancellationToken);
    }

    /// <summary>
    /// Delivers events as one batch: each subscribed event goes to its <see cref="IEventHandler{TEvent}"/>s
    /// in a scope of its own (keys <c>plugin:{pluginId}:{eventId:N}:{n}</c>), then the subscribed
    /// events together go to the <see cref="IBatchEventHandler"/>s in another scope (keys
    /// <c>plugin:{pluginId}:batch:{firstEventId:N}:{lastEventId:N}:{n}</c>), as the platform delivers them.
    /// </summary>
    public async Task<DeliveryResult> DeliverBatchAsync(IReadOnlyList<EventEnvelope> envelopes, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (envelopes.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one event.", nameof(envelopes));
        }

        var delivered = new List<EventEnvelope>();
        var skipped = new List<SkippedEvent>();
        foreach (var envelope in envelopes)
        {
            Observe(envelope);
            if (Manifest.Subscribes(envelope.Type))
            {
                delivered.Add(envelope);
            }
            else
            {
                skipped.Add(new SkippedEvent(envelope, $"Plugin '{Manifest.Id}' does not subscribe to '{envelope.Type}'; the platform would not deliver it."));
            }
        }

        var handlers = new List<Type>();
        var calls = new List<CrmCall>();
        foreach (var envelope in delivered)
        {
            var scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var crm = Session(string.Create(CultureInfo.InvariantCulture, $"{envelope.EventId:N}"), calls);
                await PluginInvoker.HandleEventAsync(scope.ServiceProvider, envelope, crm, attempt, handlers, cancellationToken).ConfigureAwait(false);
            }
        }

        if (delivered.Count > 0)
        {
            var scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var crm = Session(string.Create(CultureInfo.InvariantCulture, $"batch:{delivered[0].EventId:N}:{delivered[^1].EventId:N}"), calls);
                await HandleBatchAsync(scope.ServiceProvider, delivered, crm, attempt, handlers, cancellationToken).ConfigureAwait(false);
            }
        }

        return new DeliveryResult(envelopes, delivered, skipped, handlers, calls);
    }

    private static async Task HandleBatchAsync(
        IServiceProvider services, IReadOnlyList<EventEnvelope> events, ICrm crm, int attempt, List<Type> handlers, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IBatchEventHandler>())
        {
            handlers.Add(handler.GetType());
            await handler.HandleAsync(new DeliveryBatch(events, crm, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private CrmSession Session(string scope, List<CrmCall> calls) =>
        new(Crm, string.Create(CultureInfo.InvariantCulture, $"plugin:{Manifest.Id}:{scope}"), calls);

    private void Observe(EventEnvelope envelope)
    {
        lock (_logGate)
        {
            _sequences[envelope.CustomerId] = Math.Max(_sequences.GetValueOrDefault(envelope.CustomerId), envelope.Sequence);
            _position = Math.Max(_position, envelope.Position);
        }
    }
}
