namespace CrmPlatform.Sdk.Events;

/// <summary>
/// One event as it stands in the log: the fact itself plus its identity and metadata.
/// </summary>
/// <param name="EventId">Unique id of the event; handlers use it to be idempotent.</param>
/// <param name="CustomerId">
/// The customer the event belongs to: the customer of its stream, or the customer that owns a
/// stream of another kind (a case, an opportunity). Empty for a stream that belongs to no customer
/// (a campaign, a rule).
/// </param>
/// <param name="Sequence">Position in the event's own stream (see <see cref="StreamKind"/> and <see cref="StreamId"/>): 1, 2, 3… without gaps.</param>
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
    // Null while the stream is the customer's own, so a customer event carries no second copy of its id.
    private readonly string? _streamId;

    /// <summary>The event's stable type name, for example <c>crm.customer.registered.v1</c>.</summary>
    public string Type => CustomerEventTypes.NameOf(Event.GetType());

    /// <summary>
    /// The kind of stream the event belongs to (see <see cref="StreamKinds"/>); <c>customer</c> unless set.
    /// Streams of one customer share its partition, so a subscriber sees them all in log order.
    /// </summary>
    public string StreamKind { get; init; } = StreamKinds.Customer;

    /// <summary>The id of the event's stream within its kind; the <see cref="CustomerId"/> unless set.</summary>
    public string StreamId
    {
        get => _streamId ?? CustomerId;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _streamId = value == CustomerId ? null : value;
        }
    }
}
