using System.Runtime.CompilerServices;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// A hand-written, thread-safe <see cref="IEventLog"/> that keeps everything in memory. Like the
/// durable log it checks the expected sequence, treats a re-append of the same event ids at the
/// same sequences as a retry, numbers positions upwards and stores each payload as its stable JSON
/// (so a test sees exactly what a reader of the real log would). It also counts appends and reads
/// so tests can assert that nothing was written or that a grain rebuilt itself.
/// </summary>
public sealed class InMemoryEventLog(int partitionCount = 4, TimeProvider? time = null) : IEventLog
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<EventEnvelope> _all = [];
    private readonly Dictionary<string, List<EventEnvelope>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _streamReads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool AfterWriting, int Times)> _faults = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _head;
    private int _writes;

    /// <inheritdoc />
    public int PartitionCount { get; } = partitionCount;

    /// <summary>How many appends wrote events (retries and refusals do not count).</summary>
    public int WriteCount
    {
        get
        {
            lock (_lock)
            {
                return _writes;
            }
        }
    }

    /// <summary>How many events the whole log holds.</summary>
    public int EventCount
    {
        get
        {
            lock (_lock)
            {
                return _all.Count;
            }
        }
    }

    /// <summary>A snapshot of one customer's stream.</summary>
    public IReadOnlyList<EventEnvelope> StreamOf(string customerId)
    {
        lock (_lock)
        {
            return _streams.TryGetValue(customerId, out var stream) ? [.. stream] : [];
        }
    }

    /// <summary>How many times a customer's stream was read from its start (each activation reads it once).</summary>
    public int StreamReadsOf(string customerId)
    {
        lock (_lock)
        {
            return _streamReads.GetValueOrDefault(customerId);
        }
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> appends to a customer's stream fail with an
    /// <see cref="IOException"/>, either before anything is written or after the events were made
    /// durable (a lost acknowledgement).
    /// </summary>
    public void FailNextAppend(string customerId, bool afterWriting, int times = 1)
    {
        lock (_lock)
        {
            _faults[customerId] = (afterWriting, times);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].CustomerId != customerId || events[i].Sequence != expectedSequence + 1 + i)
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

            var stream = _streams.TryGetValue(customerId, out var existing) ? existing : _streams[customerId] = [];
            if (stream.Count != expectedSequence)
            {
                return Task.FromResult<IReadOnlyList<long>>(FindRetry(stream, expectedSequence, events)
                    ?? throw new StreamConcurrencyException(customerId, expectedSequence));
            }

            positions = new long[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var stored = events[i] with
                {
                    Position = positions[i] = ++_head,
                    Event = CustomerEventJson.Deserialize(events[i].Type, CustomerEventJson.Serialize(events[i].Event)),
                };
                stream.Add(stored);
                _all.Add(stored);
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
    public async IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EventEnvelope[] snapshot;
        lock (_lock)
        {
            if (fromSequence <= 1)
            {
                _streamReads[customerId] = _streamReads.GetValueOrDefault(customerId) + 1;
            }

            snapshot = _streams.TryGetValue(customerId, out var stream)
                ? [.. stream.Where(e => e.Sequence >= fromSequence)]
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
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<EventEnvelope> page = _streams.TryGetValue(customerId, out var stream)
                ? [.. stream.Where(e => e.Sequence < beforeSequence).Reverse().Take(maxCount)]
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
                    .Where(e => partition is null || CustomerPartitions.Of(e.CustomerId, PartitionCount) == partition)
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
                e.Position > afterPosition && (partition is null || CustomerPartitions.Of(e.CustomerId, PartitionCount) == partition)));
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
