namespace CrmPlatform.Sdk.Channels;

/// <summary>
/// Sends messages to customers on one contact channel. The platform decides whether a message
/// may be sent (consent, frequency caps, quiet hours), records the request as an event, and hands
/// it to the channel from the plugin's subscription; the channel only talks to its provider.
/// A message can reach <see cref="SendAsync"/> more than once (a retry after a crash): pass
/// <see cref="OutboundMessage.IdempotencyKey"/> to the provider where it supports one.
/// </summary>
public interface IChannel
{
    /// <summary>What the channel is called and what it can carry.</summary>
    ChannelDescriptor Descriptor { get; }

    /// <summary>
    /// Hands the message to the provider. Returns the provider's message id, or a failure saying
    /// whether trying again can help. Throwing counts as a transient failure.
    /// </summary>
    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
