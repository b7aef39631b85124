using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// The outbound side of web chat. There is no provider: a message is "sent" once the platform
/// records it, and the visitor's browser receives it from the platform's live stream
/// (<c>/channels/webchat/live</c>), which follows the customer's events. The recipient is the
/// visitor id the customer last wrote from.
/// </summary>
public sealed class WebChatChannel : IChannel
{
    /// <summary>The channel's name.</summary>
    public const string Name = "webchat";

    /// <summary>The longest reply an agent may send.</summary>
    public const int MaxLength = 10_000;

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(
        Name,
        ChannelAddressKind.ChannelIdentity,
        new ChannelCapabilities(RichText: false, Attachments: false, MaxLength: MaxLength, ReplyWindow: null, ProviderIdempotency: true));

    /// <inheritdoc />
    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!VisitorTokens.IsVisitorId(message.Recipient))
        {
            return Task.FromResult(SendResult.PermanentFailure($"'{message.Recipient}' is not a web chat visitor id."));
        }

        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return Task.FromResult(SendResult.PermanentFailure("Web chat sends text; the message has none."));
        }

        // The provider message id is derived from the platform's message id: a redelivery names the same message.
        return Task.FromResult(SendResult.Sent($"wc-{message.MessageId}"));
    }
}
