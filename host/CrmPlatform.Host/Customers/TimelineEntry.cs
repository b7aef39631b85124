namespace CrmPlatform.Host.Customers;

/// <summary>One event on a customer's timeline.</summary>
public sealed record TimelineEntry(
    Guid EventId,
    long Sequence,
    long Position,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Actor,
    string? CorrelationId,
    object Data);
