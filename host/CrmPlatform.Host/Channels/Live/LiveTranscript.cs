using System.Runtime.CompilerServices;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// Follows the conversation of one identity on a channel by reading the customer's stream in the
/// event log — the source of truth, shared by every silo, so a browser connected to any silo sees
/// what any other recorded. It finds the customer through the identity the channel store links
/// (set when the first message from the identity is recorded) and yields each message received
/// from the identity and each message sent to it (the text of its request once it is recorded as
/// sent), then waits for the log to move. Resuming after a sequence repeats nothing before it.
/// </summary>
public sealed class LiveTranscript(IEventLog log, IChannelStore store)
{
    /// <summary>The messages after <paramref name="afterSequence"/>, then every new one, with a heartbeat when <paramref name="idle"/> passes without any append.</summary>
    public async IAsyncEnumerable<LiveEntry> FollowAsync(
        string channel, string identity, long afterSequence, TimeSpan idle, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? customerId = null;
        long read = 0;
        var requested = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (true)
        {
            var head = await log.GetHeadPositionAsync(cancellationToken);
            customerId ??= await store.FindIdentityAsync(channel, identity, cancellationToken);
            if (customerId is not null)
            {
                await foreach (var envelope in log.ReadStreamAsync(customerId, read + 1, cancellationToken))
                {
                    read = envelope.Sequence;
                    if (Entry(channel, identity, envelope, requested) is { } entry && entry.Sequence > afterSequence)
                    {
                        yield return entry;
                    }
                }
            }

            await log.WaitForAppendAsync(head, idle, cancellationToken);
            if (await log.GetHeadPositionAsync(cancellationToken) == head)
            {
                yield return LiveEntry.Heartbeat;
            }
        }
    }

    private static LiveEntry? Entry(string channel, string identity, EventEnvelope envelope, Dictionary<string, string?> requested)
    {
        switch (envelope.Event)
        {
            case MessageReceived received when received.Channel == channel && received.SenderIdentity == identity:
                return new LiveEntry(envelope.Sequence, received.ProviderMessageId, "visitor", received.Text, envelope.OccurredAt);
            case MessageRequested request when request.Channel == channel && request.Recipient == identity:
                requested[request.MessageId] = request.Text;
                return null;
            case MessageSent sent when sent.Channel == channel && requested.Remove(sent.MessageId, out var text):
                return new LiveEntry(envelope.Sequence, sent.MessageId, "agent", text, envelope.OccurredAt);
            default:
                return null;
        }
    }
}
