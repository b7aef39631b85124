namespace CrmPlatform.Sdk.Events;

/// <summary>
/// One event as it stands in the log: the fact itself plus its identity and metadata.
/// </summary>
/// <param name="EventId">Unique id of the event; handlers use it to be idempotent.</param>
/// <param name="CustomerId">The customer the event belongs to.</param>
/// <param name="Sequence">Position in the customer's own stream: 1, 2, 3… without gaps.</param>
/// <param name="Position">Position in the whole log; increases with every append, may have gaps.</param>
/// <param name="OccurredAt">When the fact happened according to the command.</param>
/// <param name="RecordedAt">When the platform made it durable.</param>
/// <param name="Actor">Who caused it (for example <c>api-key:ab12</c>, <c>system:lifecycle-rules</c>).</param>
/// <param name="CorrelationId">Ties together everything one request caused.</param>
/// <param name="IdempotencyKey">The key of the command that produced the event, if it had one.</param>
/// <param name="Event">The fact.</param>
public sealed record EventEnvelope(
    Guid EventId,
    string CustomerId,
    long Sequence,
    long Position,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Actor,
    string? CorrelationId,
    string? IdempotencyKey,
    ICustomerEvent Event)
{
    /// <summary>The event's stable type name, for example <c>crm.customer.registered.v1</c>.</summary>
    public string Type => CustomerEventTypes.NameOf(Event.GetType());
}
