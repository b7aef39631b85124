using System.Globalization;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// Inbound email at <c>/channels/email/inbound</c>: whatever receives the business's mail (a mail
/// provider's inbound webhook, or a pipe from the mail server) posts each raw RFC 822 message
/// (<c>message/rfc822</c> or <c>text/plain</c>) with the shared secret. Ordinary mail becomes an
/// <see cref="InboundMessage"/>; a delivery status notification becomes <see cref="DeliveryReceipt"/>s
/// for the message it reports on.
/// </summary>
public sealed class EmailInbound : IChannelInbound
{
    private static readonly string[] AcceptedContentTypes = ["message/rfc822", "text/plain"];

    private readonly IPluginSettings<EmailSettings> _settings;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the inbound.</summary>
    /// <param name="settings">The inbound secret and size limit.</param>
    /// <param name="timeProvider">The time of a message without a Date.</param>
    public EmailInbound(IPluginSettings<EmailSettings> settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string ChannelName => EmailChannel.ChannelName;

    /// <inheritdoc />
    public Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(InboundAuthenticity.Verify(request, _settings.Current.InboundSecret));
    }

    /// <inheritdoc />
    public async Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxBytes = _settings.Current.MaxInboundBytes;
        CheckContentType(request.ContentType);
        if (request.Body.IsEmpty)
        {
            throw new InboundFormatException("body", "The body is empty: post the raw RFC 822 message.");
        }

        if (request.Body.Length > maxBytes)
        {
            throw new InboundFormatException(
                "body",
                string.Create(CultureInfo.InvariantCulture, $"The message is {request.Body.Length} bytes; at most {maxBytes} are accepted (the maxInboundBytes setting)."));
        }

        using var message = await LoadAsync(request.Body, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        return DeliveryStatusReader.IsDeliveryStatus(message)
            ? new InboundResult([], DeliveryStatusReader.Read(message, now))
            : new InboundResult([InboundMailReader.Read(message, request.Body.Span, now)], []);
    }

    private static void CheckContentType(string? contentType)
    {
        if (contentType is null)
        {
            return;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        if (!AcceptedContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new InboundFormatException("Content-Type", $"The content type '{mediaType}' is not accepted: post the raw message as message/rfc822 or text/plain.");
        }
    }

    private static async Task<MimeMessage> LoadAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        try
        {
            return await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException exception)
        {
            throw new InboundFormatException("body", $"The body is not an RFC 822 message: {exception.Message}");
        }
    }
}
