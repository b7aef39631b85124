using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.EventLog;

/// <summary>
/// The durable log of events, the platform's source of truth. It holds streams of several kinds
/// (<see cref="StreamKey"/>): a customer's own, and streams of aggregates that belong to a customer
/// (a case, an opportunity) or to none (a campaign). Each stream is ordered and gap-free (sequence
/// 1, 2, 3…); the whole log is ordered by position and split into partitions by the streams' owning
/// customer (or own id), so it can be followed in parallel while keeping the order of all of one
/// customer's events.
/// </summary>
public interface IEventLog
{
    /// <summary>How many partitions the log is split into.</summary>
    int PartitionCount { get; }

    /// <summary>
    /// Appends one command's events to a stream atomically. Completes only once they are durable.
    /// Appending events whose ids are already in the stream at the same sequences succeeds without
    /// writing (a retry of an append whose outcome was unknown).
    /// </summary>
    /// <param name="stream">The stream; every event must carry it (<see cref="StreamKey.Carries"/>).</param>
    /// <param name="expectedSequence">The sequence of the stream's last event as the writer knows it (0 for a new stream).</param>
    /// <param name="events">The events, numbered <paramref name="expectedSequence"/> + 1, + 2, …</param>
    /// <param name="cancellationToken">Cancels waiting; the append may still happen.</param>
    /// <returns>The log position of each event, in order.</returns>
    /// <exception cref="StreamConcurrencyException">The stream has moved past <paramref name="expectedSequence"/>.</exception>
    /// <exception cref="ArgumentException">An event belongs to another stream or is out of sequence.</exception>
    Task<IReadOnlyList<long>> AppendAsync(
        StreamKey stream, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a stream (by kind and id) in order, starting at a sequence.</summary>
    IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        StreamKey stream, long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>Reads a stream (by kind and id) newest first, from below a sequence (for timelines).</summary>
    Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        StreamKey stream, long beforeSequence, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Appends to a customer's own stream (see <see cref="AppendAsync(StreamKey, long, IReadOnlyList{EventEnvelope}, CancellationToken)"/>).</summary>
    Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        AppendAsync(StreamKey.Customer(customerId), expectedSequence, events, cancellationToken);

    /// <summary>Reads a customer's own stream in order, starting at a sequence.</summary>
    IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, CancellationToken cancellationToken = default) =>
        ReadStreamAsync(StreamKey.Customer(customerId), fromSequence, cancellationToken);

    /// <summary>Reads a customer's own stream newest first, from below a sequence (for timelines).</summary>
    Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        ReadStreamBackwardAsync(StreamKey.Customer(customerId), beforeSequence, maxCount, cancellationToken);

    /// <summary>
    /// Reads the whole log (or one partition of it) in position order, after a position. A follower
    /// that keeps the last position it handled never skips an event and never sees one twice.
    /// </summary>
    /// <param name="partition">The partition to read, or null for all.</param>
    /// <param name="afterPosition">Read events with a greater position.</param>
    /// <param name="maxCount">At most this many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(
        int? partition, long afterPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>How many events of a partition (or the whole log when null) come after a position: how far behind a follower at that position is.</summary>
    Task<long> CountAfterAsync(int? partition, long afterPosition, CancellationToken cancellationToken = default);

    /// <summary>The position of the newest durable event, 0 when the log is empty.</summary>
    Task<long> GetHeadPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes when the log's head moves past <paramref name="afterPosition"/>, or when
    /// <paramref name="timeout"/> passes, whichever is first: how followers wait for new events
    /// without busy polling.
    /// </summary>
    Task WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>The partition a customer's events go to: those of its own stream and of every stream it owns.</summary>
    int PartitionOf(string customerId) => CustomerPartitions.Of(customerId, PartitionCount);

    /// <summary>The partition a stream's events go to: its owning customer's, or its own id's when it has no owner.</summary>
    int PartitionOf(StreamKey stream) => CustomerPartitions.Of(stream.PartitionKey, PartitionCount);
}
