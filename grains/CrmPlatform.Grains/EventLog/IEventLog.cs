using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.EventLog;

/// <summary>
/// The durable log of customer events, the platform's source of truth. Each customer's stream is
/// ordered and gap-free (sequence 1, 2, 3…); the whole log is ordered by position and split into
/// partitions by customer id, so it can be followed in parallel while keeping each customer's order.
/// </summary>
public interface IEventLog
{
    /// <summary>How many partitions the log is split into.</summary>
    int PartitionCount { get; }

    /// <summary>
    /// Appends one command's events atomically. Completes only once they are durable.
    /// Appending events whose ids are already in the log at the same sequences succeeds without
    /// writing (a retry of an append whose outcome was unknown).
    /// </summary>
    /// <param name="customerId">The stream.</param>
    /// <param name="expectedSequence">The sequence of the stream's last event as the writer knows it (0 for a new stream).</param>
    /// <param name="events">The events, numbered <paramref name="expectedSequence"/> + 1, + 2, …</param>
    /// <param name="cancellationToken">Cancels waiting; the append may still happen.</param>
    /// <returns>The log position of each event, in order.</returns>
    /// <exception cref="StreamConcurrencyException">The stream has moved past <paramref name="expectedSequence"/>.</exception>
    Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's stream in order, starting at a sequence.</summary>
    IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's stream newest first, from below a sequence (for timelines).</summary>
    Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default);

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

    /// <summary>The partition a customer's events go to.</summary>
    int PartitionOf(string customerId) => CustomerPartitions.Of(customerId, PartitionCount);
}
