namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// An event the read model failed to apply after every attempt: recorded, skipped by the projector
/// (so lists, search and the due index keep moving), and retried once the cause is fixed.
/// </summary>
/// <param name="Position">The event's position in the log (identifies it in the parked list).</param>
/// <param name="EventId">The event.</param>
/// <param name="CustomerId">The customer it belongs to.</param>
/// <param name="EventType">Its stable type name.</param>
/// <param name="Error">The last failure, in words (exception type and message).</param>
/// <param name="Attempts">How many times applying it was tried.</param>
/// <param name="ParkedAt">When it was parked.</param>
public sealed record ParkedEvent(
    long Position,
    Guid EventId,
    string CustomerId,
    string EventType,
    string Error,
    int Attempts,
    DateTimeOffset ParkedAt);
