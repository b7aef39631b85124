using System.Runtime.CompilerServices;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// A hand-written, thread-safe <see cref="IEventLog"/> that keeps everything in memory. Like the
/// durable log it checks the expected sequence of each stream (of any kind), refuses an event id
/// already in the log, treats a re-append of the same event ids at the same sequences as a retry,
/// numbers positions upwards, partitions by the streams' owners and stores each payload as its
/// stable JSON (so a test sees exactly what a reader of the real log would); it runs the event-log
/// contract suite to prove it. It also counts appends and reads so tests can assert that nothing
/// was written or that a grain rebuilt itself.
/// </summary>
public sealed partial class InMemoryEventLog(int partitionCount = 4, TimeProvider? time = null) : IEventLog
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<EventEnvelope> _all = [];
    private readonly Dictionary<(string Kind, string Id), List<EventEnvelope>> _streams = [];
    private readonly HashSet<Guid> _eventIds = [];
    private readonly Dictionary<string, int> _streamReads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool AfterWriting, int Times)> _faults = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _head;
    private int _writes;

    /// <inheritdoc />
    public int PartitionCount { get; } = partitionCount;

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        AppendAsync(StreamKey.Customer(customerId), expectedSequence, events, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        StreamKey stream, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        // Faults are set per customer: they reach every stream the customer owns.
        var customerId = stream.PartitionKey;
        for (var i = 0; i < events.Count; i++)
        {
            if (!stream.Carries(events[i]) || events[i].Sequence != expectedSequence + 1 + i)
            {
                throw new ArgumentException("Events must belong to the stream and be numbered after the expected sequence.", nameof(events));
            }
        }

        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        TaskCompletionSource appended;
        long[] positions;
        bool fails;
        lock (_lock)
        {
            fails = _faults.TryGetValue(customerId, out var fault);
            var afterWriting = fault.AfterWriting;
            if (fails && fault.Times > 1)
            {
                _faults[customerId] = (fault.AfterWriting, fault.Times - 1);
            }
            else if (fails)
            {
                _faults.Remove(customerId);
            }
            if (fails && !afterWriting)
            {
                return Task.FromException<IReadOnlyList<long>>(new IOException($"Simulated failure before writing to '{customerId}'."));
            }

            var entries = _streams.TryGetValue((stream.Kind, stream.Id), out var existing) ? existing : _streams[(stream.Kind, stream.Id)] = [];
            if (entries.Count != expectedSequence)
            {
                // A conflict fails the returned task, as the durable logs' writers do, rather than the call.
                return FindRetry(entries, expectedSequence, events) is { } retried
                    ? Task.FromResult<IReadOnlyList<long>>(retried)
                    : Task.FromException<IReadOnlyList<long>>(new StreamConcurrencyException(stream, expectedSequence));
            }

            // An event id is unique in the whole log: reusing one is a conflict, never a retry here
            // (a retry finds its events at the same sequences above).
            if (events.Any(e => _eventIds.Contains(e.EventId)) || events.Select(e => e.EventId).Distinct().Count() != events.Count)
            {
                return Task.FromException<IReadOnlyList<long>>(new StreamConcurrencyException(stream, expectedSequence));
            }

            positions = new long[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var stored = events[i] with
                {
                    Position = positions[i] = ++_head,
                    Event = CustomerEventJson.Deserialize(events[i].Type, CustomerEventJson.Serialize(events[i].Event)),
                };
                entries.Add(stored);
                _all.Add(stored);
                _eventIds.Add(stored.EventId);
            }

            _writes++;
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.SetResult();
        return fails
            ? Task.FromException<IReadOnlyList<long>>(new IOException($"Simulated failure after writing to '{customerId}'."))
            : Task.FromResult<IReadOnlyList<long>>(positions);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, CancellationToken cancellationToken = default) =>
        ReadStreamAsync(StreamKey.Customer(customerId), fromSequence, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        StreamKey stream, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EventEnvelope[] snapshot;
        lock (_lock)
        {
            if (fromSequence <= 1 && stream.Kind == StreamKinds.Customer)
            {
                _streamReads[stream.Id] = _streamReads.GetValueOrDefault(stream.Id) + 1;
            }

            snapshot = _streams.TryGetValue((stream.Kind, stream.Id), out var entries)
                ? [.. entries.Where(e => e.Sequence >= fromSequence)]
                : [];
        }

        foreach (var envelope in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return envelope;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        ReadStreamBackwardAsync(StreamKey.Customer(customerId), beforeSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        StreamKey stream, long beforeSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<EventEnvelope> page = _streams.TryGetValue((stream.Kind, stream.Id), out var entries)
                ? [.. entries.Where(e => e.Sequence < beforeSequence).Reverse().Take(maxCount)]
                : [];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(
        int? partition, long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<EventEnvelope> page =
            [
                .. _all
                    .Where(e => e.Position > afterPosition)
                    .Where(e => partition is null || PartitionOf(e) == partition)
                    .Take(maxCount),
            ];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<long> CountAfterAsync(int? partition, long afterPosition, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<long>(_all.Count(e =>
                e.Position > afterPosition && (partition is null || PartitionOf(e) == partition)));
        }
    }

    /// <inheritdoc />
    public Task<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_head);
        }
    }

    /// <inheritdoc />
    public Task WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_head > afterPosition)
            {
                return Task.CompletedTask;
            }
        }

        return WaitAsync(afterPosition, timeout, cancellationToken);
    }

    private async Task WaitAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timedOut = Task.Delay(timeout, _time, stop.Token);
        try
        {
            while (true)
            {
                Task appended;
                lock (_lock)
                {
                    if (_head > afterPosition)
                    {
                        return;
                    }

                    appended = _appended.Task;
                }

                if (await Task.WhenAny(appended, timedOut) == timedOut)
                {
                    await timedOut;
                    return;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private int PartitionOf(EventEnvelope e) => CustomerPartitions.Of(StreamKey.PartitionKeyOf(e), PartitionCount);

    /// <summary>The positions of a retried append whose events are all in the stream already, else null.</summary>
    private static long[]? FindRetry(List<EventEnvelope> stream, long expectedSequence, IReadOnlyList<EventEnvelope> events)
    {
        if (expectedSequence < 0 || expectedSequence + events.Count > stream.Count)
        {
            return null;
        }

        var positions = new long[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var stored = stream[(int)expectedSequence + i];
            if (stored.EventId != events[i].EventId)
            {
                return null;
            }

            positions[i] = stored.Position;
        }

        return positions;
    }
}
