using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>What tests ask the in-memory log beyond <see cref="IEventLog"/>: counts, snapshots of streams, and faults to inject.</summary>
public sealed partial class InMemoryEventLog
{
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

    /// <summary>A snapshot of one customer's own stream.</summary>
    public IReadOnlyList<EventEnvelope> StreamOf(string customerId) => StreamOf(StreamKey.Customer(customerId));

    /// <summary>A snapshot of one stream.</summary>
    public IReadOnlyList<EventEnvelope> StreamOf(StreamKey stream)
    {
        lock (_lock)
        {
            return _streams.TryGetValue((stream.Kind, stream.Id), out var entries) ? [.. entries] : [];
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
}
