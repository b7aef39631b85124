using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Handlers;

/// <summary>One event delivered to a handler.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <param name="Envelope">The event with its id, customer, sequence, times and actor.</param>
/// <param name="Crm">Commands back into the platform, scoped to this delivery: writes are idempotent across redeliveries of the event.</param>
/// <param name="Attempt">1 for the first delivery, more for retries.</param>
public sealed record Delivery<TEvent>(EventEnvelope Envelope, ICrm Crm, int Attempt)
    where TEvent : ICustomerEvent
{
    /// <summary>The event.</summary>
    public TEvent Event => (TEvent)Envelope.Event;

    /// <summary>The customer the event belongs to.</summary>
    public string CustomerId => Envelope.CustomerId;
}
