using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// The <c>sms</c> channel: checks a message (plain text only, at most <see cref="SmsSettings.MaxSegments"/>
/// segments, a recipient that is a valid phone number) and hands it to the <see cref="ISmsProvider"/>.
/// What it refuses is a permanent failure whose reason says why; it never retries on its own.
/// </summary>
public sealed class SmsChannel : IChannel
{
    /// <summary>The channel's name in the API, in consent and in the inbound route.</summary>
    public const string Name = "sms";

    private readonly IPluginSettings<SmsSettings> _settings;
    private readonly ISmsProvider _provider;

    /// <summary>Creates the channel.</summary>
    /// <param name="settings">The segment limit and default region; read on every send.</param>
    /// <param name="provider">The provider the text goes to.</param>
    public SmsChannel(IPluginSettings<SmsSettings> settings, ISmsProvider provider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(provider);
        _settings = settings;
        _provider = provider;
    }

    /// <summary>
    /// Phone numbers, plain text with no attachments, no reply window, no provider deduplication.
    /// <see cref="ChannelCapabilities.MaxLength"/> is <see cref="SmsSegments.MaxLength"/> of the
    /// configured segments: no longer text can be sent; a shorter one that needs UCS-2 or extension
    /// characters may still take too many segments and be refused by <see cref="SendAsync"/>.
    /// </summary>
    public ChannelDescriptor Descriptor =>
        new(Name, ChannelAddressKind.Phone, new ChannelCapabilities(
            RichText: false,
            Attachments: false,
            MaxLength: SmsSegments.MaxLength(_settings.Current.MaxSegments),
            ReplyWindow: null,
            ProviderIdempotency: false));

    /// <inheritdoc />
    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = _settings.Current;
        if (message.Text is null)
        {
            return Task.FromResult(SendResult.PermanentFailure(
                $"The SMS channel has no templates ('{message.Template}' was named): send the text itself."));
        }

        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return Task.FromResult(SendResult.PermanentFailure("The SMS text is empty."));
        }

        var count = SmsSegments.Count(message.Text);
        if (count.Segments > settings.MaxSegments)
        {
            return Task.FromResult(SendResult.PermanentFailure(
                $"The SMS text needs {count.Segments} segments ({count.Units} {count.Encoding} units, {message.Text.Length} characters); at most {settings.MaxSegments} are allowed (maxSegments)."));
        }

        var to = SmsPhoneNumbers.ToE164(message.Recipient, settings.DefaultRegion);
        if (to is null)
        {
            return Task.FromResult(SendResult.PermanentFailure(
                $"The recipient '{message.Recipient}' is not a valid phone number (default region {settings.DefaultRegion})."));
        }

        return _provider.SendAsync(new SmsSubmission(to, message.Text, message.MessageId, message.IdempotencyKey), cancellationToken);
    }
}
