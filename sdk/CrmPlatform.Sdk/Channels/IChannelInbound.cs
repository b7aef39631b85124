namespace CrmPlatform.Sdk.Channels;

/// <summary>
/// Understands the provider's webhook requests. The platform owns the route
/// (<c>/channels/{channel}/inbound</c>), rate limits and what happens next: it calls
/// <see cref="VerifyAsync"/> first and answers 403 (and records the attempt) when the request is
/// not genuine, then <see cref="ParseAsync"/>, then resolves each sender to a customer and records
/// messages, receipts and consent changes as events.
/// </summary>
public interface IChannelInbound
{
    /// <summary>The channel this inbound belongs to; the same name as its <see cref="IChannel"/>.</summary>
    string ChannelName { get; }

    /// <summary>Checks that the request really comes from the provider (its signature, shared secret or address).</summary>
    Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Turns a genuine request into normalised messages and receipts. Throws
    /// <see cref="InboundFormatException"/> when the body is malformed.
    /// </summary>
    Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken);
}
