namespace CrmPlatform.Host.Channels;

/// <summary>
/// What the channels keep besides the customers' streams: which customer and message a provider's
/// message id belongs to (for receipts), the channel identities of customers, the inbound requests
/// refused as forged, and the senders that matched more than one customer (for an agent to resolve).
/// </summary>
public interface IChannelStore
{
    /// <summary>Remembers that the provider knows the customer's message by <paramref name="providerMessageId"/>; idempotent.</summary>
    Task RecordSentAsync(string channel, string providerMessageId, string customerId, string messageId, CancellationToken cancellationToken = default);

    /// <summary>The customer and message a provider's message id belongs to, or null.</summary>
    Task<SentMessageRef?> FindSentAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default);

    /// <summary>Remembers the customer's identity on the channel (the last one wins).</summary>
    Task SetIdentityAsync(string channel, string identity, string customerId, CancellationToken cancellationToken = default);

    /// <summary>The customer with this identity on the channel, or null.</summary>
    Task<string?> FindIdentityAsync(string channel, string identity, CancellationToken cancellationToken = default);

    /// <summary>Records an inbound request refused as not genuine.</summary>
    Task RecordRejectionAsync(InboundRejection rejection, CancellationToken cancellationToken = default);

    /// <summary>The most recent rejections, newest first, of one channel or all.</summary>
    Task<IReadOnlyList<InboundRejection>> ListRejectionsAsync(string? channel, int limit, CancellationToken cancellationToken = default);

    /// <summary>Flags an inbound message whose sender matched several customers; once per channel and provider message id.</summary>
    Task FlagSenderAsync(SenderFlag flag, CancellationToken cancellationToken = default);

    /// <summary>The flags, oldest first; only the unresolved ones when <paramref name="openOnly"/>.</summary>
    Task<IReadOnlyList<SenderFlag>> ListFlagsAsync(bool openOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>The flag of a channel's provider message id, or null.</summary>
    Task<SenderFlag?> FindFlagAsync(string channel, string providerMessageId, CancellationToken cancellationToken = default);

    /// <summary>Marks a flag resolved to <paramref name="customerId"/>; false when there is no such open flag.</summary>
    Task<bool> ResolveFlagAsync(string channel, string providerMessageId, string customerId, string resolvedBy, DateTimeOffset at, CancellationToken cancellationToken = default);
}
