using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers.Messages;

/// <summary>
/// The part of a customer's state that is about messages: the outbound messages and where each
/// stands, when recent ones were requested per channel (for frequency caps), the addresses that
/// bounced for good, the inbound messages already recorded and the customer's channel identities.
/// </summary>
public sealed class CustomerMessages
{
    /// <summary>Request times kept per channel, the most recent ones; a frequency cap larger than this counts at most this many.</summary>
    public const int RecentPerChannel = 200;

    private readonly Dictionary<string, MessageView> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byProviderId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _recent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _invalidAddresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _received = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);

    /// <summary>The outbound message with this id.</summary>
    public MessageView? Find(string messageId) => _messages.GetValueOrDefault(messageId);

    /// <summary>The outbound message the provider knows by this id on this channel.</summary>
    public MessageView? FindByProviderId(string channel, string providerMessageId) =>
        _byProviderId.TryGetValue($"{channel}\n{providerMessageId}", out var id) ? _messages[id] : null;

    /// <summary>True when the address bounced for good.</summary>
    public bool IsInvalid(string address) => _invalidAddresses.Contains(address);

    /// <summary>True when the inbound message with this provider id was recorded.</summary>
    public bool HasReceived(string channel, string providerMessageId) => _received.Contains($"{channel}\n{providerMessageId}");

    /// <summary>The customer's identity on a channel, from the last message it sent there with one.</summary>
    public string? IdentityOn(string channel) => _identities.GetValueOrDefault(channel);

    /// <summary>How many messages were requested on the channel after <paramref name="since"/>.</summary>
    public int RequestedSince(string channel, DateTimeOffset since) =>
        _recent.TryGetValue(channel, out var times) ? times.Count(t => t > since) : 0;

    /// <summary>Applies a message event; false when the event is not about messages.</summary>
    public bool Apply(ICustomerEvent @event, DateTimeOffset at)
    {
        switch (@event)
        {
            case MessageRequested e:
                _messages[e.MessageId] = new MessageView(e.MessageId, e.Channel, e.Recipient, MessageStatus.Requested, null, at, e);
                var times = _recent.TryGetValue(e.Channel, out var list) ? list : _recent[e.Channel] = [];
                times.Add(at);
                if (times.Count > RecentPerChannel)
                {
                    times.RemoveAt(0);
                }

                return true;
            case MessageRefused:
                return true;
            case MessageSent e:
                Move(e.MessageId, MessageStatus.Sent, e.ProviderMessageId);
                _byProviderId[$"{e.Channel}\n{e.ProviderMessageId}"] = e.MessageId;
                return true;
            case MessageDelivered e:
                Move(e.MessageId, MessageStatus.Delivered, null);
                return true;
            case MessageBounced e:
                Move(e.MessageId, MessageStatus.Bounced, null);
                if (e.Permanent)
                {
                    _invalidAddresses.Add(e.Recipient);
                }

                return true;
            case MessageFailed e:
                Move(e.MessageId, MessageStatus.Failed, e.ProviderMessageId);
                return true;
            case MessageReceived e:
                _received.Add($"{e.Channel}\n{e.ProviderMessageId}");
                if (e.SenderIdentity is { } identity)
                {
                    _identities[e.Channel] = identity;
                }

                return true;
            case ProfileUpdated e:
                // The profile giving an address again vouches for it anew.
                _invalidAddresses.ExceptWith(e.Emails ?? []);
                _invalidAddresses.ExceptWith(e.Phones ?? []);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Everything, as plain data.</summary>
    public MessagesSnapshot ToSnapshot() => new()
    {
        Messages = [.. _messages.Values],
        Recent = _recent.ToDictionary(p => p.Key, p => (IReadOnlyList<DateTimeOffset>)[.. p.Value], StringComparer.Ordinal),
        InvalidAddresses = [.. _invalidAddresses],
        Received = [.. _received],
        Identities = new Dictionary<string, string>(_identities, StringComparer.Ordinal),
    };

    /// <summary>Restores what <see cref="ToSnapshot"/> took.</summary>
    public void Restore(MessagesSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return;
        }

        foreach (var message in snapshot.Messages)
        {
            _messages[message.MessageId] = message;
            if (message.ProviderMessageId is { } providerId)
            {
                _byProviderId[$"{message.Channel}\n{providerId}"] = message.MessageId;
            }
        }

        foreach (var (channel, times) in snapshot.Recent)
        {
            _recent[channel] = [.. times];
        }

        _invalidAddresses.UnionWith(snapshot.InvalidAddresses);
        _received.UnionWith(snapshot.Received);
        foreach (var (channel, identity) in snapshot.Identities)
        {
            _identities[channel] = identity;
        }
    }

    private void Move(string messageId, MessageStatus status, string? providerMessageId)
    {
        if (_messages.TryGetValue(messageId, out var message))
        {
            _messages[messageId] = message with { Status = status, ProviderMessageId = providerMessageId ?? message.ProviderMessageId };
        }
    }
}
