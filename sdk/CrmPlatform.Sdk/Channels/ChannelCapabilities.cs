namespace CrmPlatform.Sdk.Channels;

/// <summary>What a message on a channel can carry; the platform refuses what the channel cannot.</summary>
/// <param name="RichText">Messages may have an HTML body.</param>
/// <param name="Attachments">Messages may carry attachments.</param>
/// <param name="MaxLength">The longest text the channel accepts, in characters, or null when unlimited.</param>
/// <param name="ReplyWindow">How long after the customer's last inbound message the business may write freely, or null when there is no such window.</param>
/// <param name="ProviderIdempotency">The provider deduplicates sends by <see cref="OutboundMessage.IdempotencyKey"/>.</param>
public sealed record ChannelCapabilities(
    bool RichText,
    bool Attachments,
    int? MaxLength,
    TimeSpan? ReplyWindow,
    bool ProviderIdempotency);
