using CrmPlatform.Sdk.Events;

namespace CrmPlatform.IntegrationTests;

/// <summary>One row of the <c>events</c> table, as stored.</summary>
internal sealed record LoggedEvent(
    long Position,
    string EventId,
    string CustomerId,
    long Sequence,
    string Type,
    string Data,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Actor,
    string? CorrelationId,
    string? IdempotencyKey)
{
    /// <summary>The row as the envelope a grain applies, its payload read with the SDK's stable JSON.</summary>
    public EventEnvelope ToEnvelope() => new(
        Guid.Parse(EventId), CustomerId, Sequence, Position, OccurredAt, RecordedAt, Actor, CorrelationId, IdempotencyKey,
        CustomerEventJson.Deserialize(Type, Data));
}
