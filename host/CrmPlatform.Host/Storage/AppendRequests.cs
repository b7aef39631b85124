using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Storage;

/// <summary>What every event log does with an append before queueing it for its writer.</summary>
internal static class AppendRequests
{
    /// <summary>
    /// Checks that the events carry the stream (kind, id and owner) and are numbered right after
    /// <paramref name="expectedSequence"/>, and serializes them — on the caller's thread, so a log's
    /// single writer does only SQL.
    /// </summary>
    /// <exception cref="ArgumentException">An event belongs to another stream or is out of sequence.</exception>
    public static string[] Serialize(StreamKey stream, long expectedSequence, IReadOnlyList<EventEnvelope> events)
    {
        var data = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            if (!stream.Carries(events[i]) || events[i].Sequence != expectedSequence + 1 + i)
            {
                throw new ArgumentException("Events must belong to the stream and be numbered after the expected sequence.", nameof(events));
            }

            data[i] = CustomerEventJson.Serialize(events[i].Event);
        }

        return data;
    }
}
