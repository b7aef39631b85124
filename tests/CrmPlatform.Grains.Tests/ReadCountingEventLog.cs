using System.Runtime.CompilerServices;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// An <see cref="IEventLog"/> that passes everything to another one and counts the envelopes each
/// customer's stream reads returned, so tests can tell how much of a stream an activation replayed.
/// </summary>
public sealed class ReadCountingEventLog(IEventLog inner) : IEventLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _envelopesRead = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int PartitionCount => inner.PartitionCount;

    /// <summary>How many envelopes <see cref="ReadStreamAsync"/> has returned for a customer.</summary>
    public int EnvelopesReadOf(string customerId)
    {
        lock (_lock)
        {
            return _envelopesRead.GetValueOrDefault(customerId);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(customerId, expectedSequence, events, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var envelope in inner.ReadStreamAsync(customerId, fromSequence, cancellationToken))
        {
            lock (_lock)
            {
                _envelopesRead[customerId] = _envelopesRead.GetValueOrDefault(customerId) + 1;
            }

            yield return envelope;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadStreamBackwardAsync(customerId, beforeSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        StreamKey stream, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expectedSequence, events, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<EventEnvelope> ReadStreamAsync(StreamKey stream, long fromSequence, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, fromSequence, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        StreamKey stream, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadStreamBackwardAsync(stream, beforeSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(
        int? partition, long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(partition, afterPosition, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAfterAsync(int? partition, long afterPosition, CancellationToken cancellationToken = default) =>
        inner.CountAfterAsync(partition, afterPosition, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetHeadPositionAsync(CancellationToken cancellationToken = default) => inner.GetHeadPositionAsync(cancellationToken);

    /// <inheritdoc />
    public Task WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        inner.WaitForAppendAsync(afterPosition, timeout, cancellationToken);
}
