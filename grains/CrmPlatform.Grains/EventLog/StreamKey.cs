using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.EventLog;

/// <summary>
/// Which stream of the log an append or a read is for: a kind (<see cref="StreamKinds"/>), an id
/// unique within the kind, and the customer that owns the stream, if any. A stream's sequence and
/// its optimistic concurrency are per kind and id; its partition follows its owner, so every
/// stream of one customer lands in that customer's partition, and a stream that belongs to no
/// customer partitions by its own id. The owner is fixed for the life of a stream.
/// </summary>
public readonly record struct StreamKey
{
    private StreamKey(string kind, string id, string? customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
        Kind = kind;
        Id = id;
        CustomerId = customerId;
    }

    /// <summary>The kind of stream, for example <c>customer</c> or <c>case</c>.</summary>
    public string Kind { get; }

    /// <summary>The stream's id within its kind.</summary>
    public string Id { get; }

    /// <summary>The customer that owns the stream, or null when it belongs to no customer.</summary>
    public string? CustomerId { get; }

    /// <summary>What the stream's partition is computed from: its owner, else its own id.</summary>
    public string PartitionKey => CustomerId ?? Id;

    /// <summary>A customer's own stream.</summary>
    public static StreamKey Customer(string customerId) => new(StreamKinds.Customer, customerId, customerId);

    /// <summary>A stream of another kind that belongs to a customer (a case, an opportunity, a task).</summary>
    public static StreamKey OwnedBy(string kind, string id, string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return kind == StreamKinds.Customer && id != customerId
            ? throw new ArgumentException("A customer's stream is owned by that customer.", nameof(customerId))
            : new StreamKey(kind, id, customerId);
    }

    /// <summary>A stream that belongs to no customer (a campaign, a rule): it partitions by its own id.</summary>
    public static StreamKey Unowned(string kind, string id) =>
        kind == StreamKinds.Customer
            ? throw new ArgumentException("A customer's stream is owned by that customer.", nameof(kind))
            : new StreamKey(kind, id, null);

    /// <summary>The stream an envelope belongs to.</summary>
    public static StreamKey Of(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new(envelope.StreamKind, envelope.StreamId, envelope.CustomerId.Length == 0 ? null : envelope.CustomerId);
    }

    /// <summary>The partition key of an envelope's stream, without building its key.</summary>
    public static string PartitionKeyOf(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.CustomerId.Length == 0 ? envelope.StreamId : envelope.CustomerId;
    }

    /// <summary>Whether an envelope says it belongs to this stream (kind, id and owner).</summary>
    public bool Carries(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.StreamKind == Kind && envelope.StreamId == Id && envelope.CustomerId == (CustomerId ?? string.Empty);
    }

    /// <summary>The stream as <c>kind/id</c>, for messages.</summary>
    public override string ToString() => $"{Kind}/{Id}";
}
