using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// The most recently committed events, by position, in a ring: followers that keep up with the log
/// read from here instead of reading and parsing rows again. Lock-free for readers: the writer fills
/// slots before it publishes the new head, and a reader that finds a slot already reused (or
/// empty) falls back to the database.
/// </summary>
internal sealed class CommittedTail(int capacity)
{
    private readonly EventEnvelope?[] _slots = new EventEnvelope?[capacity];

    /// <summary>Remembers committed events (called by the writer before it publishes the head).</summary>
    public void Add(EventEnvelope committed) => Volatile.Write(ref _slots[committed.Position % _slots.Length], committed);

    /// <summary>
    /// The events after <paramref name="afterPosition"/> up to <paramref name="head"/> (optionally of one
    /// partition), or null when part of that range is no longer (or not) in the ring.
    /// </summary>
    public List<EventEnvelope>? TryRead(long afterPosition, long head, int maxCount, Func<EventEnvelope, bool>? filter)
    {
        if (head - afterPosition > _slots.Length)
        {
            return null;
        }

        var events = new List<EventEnvelope>(Math.Min(maxCount, (int)Math.Max(0, head - afterPosition)));
        for (var position = afterPosition + 1; position <= head && events.Count < maxCount; position++)
        {
            var envelope = Volatile.Read(ref _slots[position % _slots.Length]);
            if (envelope is null || envelope.Position != position)
            {
                return null;
            }

            if (filter is null || filter(envelope))
            {
                events.Add(envelope);
            }
        }

        return events;
    }
}
