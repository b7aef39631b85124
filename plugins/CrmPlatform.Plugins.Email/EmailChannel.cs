using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// The <c>email</c> channel: renders the message (template and customer fields) into a MIME message
/// and hands it to the configured SMTP server. Every attempt carries the same Message-ID, so a resend
/// after an unclear failure is recognisable; the result's provider id is that Message-ID (without
/// angle brackets), which delivery status notifications later refer to.
/// </summary>
public sealed partial class EmailChannel : IChannel
{
    /// <summary>The channel's name.</summary>
    public const string ChannelName = "email";

    private readonly IPluginSettings<EmailSettings> _settings;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmailChannel> _logger;

    /// <summary>Creates the channel.</summary>
    /// <param name="settings">The server, sender and templates; read once per send.</param>
    /// <param name="timeProvider">The clock of the Date header and of the time-out.</param>
    /// <param name="logger">Logs each send and each failure.</param>
    public EmailChannel(IPluginSettings<EmailSettings> settings, TimeProvider timeProvider, ILogger<EmailChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Email: to the customer's primary address, HTML allowed, no attachments, no length limit or reply window.</summary>
    public static ChannelDescriptor EmailDescriptor { get; } = new(
        ChannelName,
        ChannelAddressKind.Email,
        new ChannelCapabilities(RichText: true, Attachments: false, MaxLength: null, ReplyWindow: null, ProviderIdempotency: false));

    /// <inheritdoc />
    public ChannelDescriptor Descriptor => EmailDescriptor;

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = _settings.Current;
        if (!settings.IsConfigured)
        {
            LogFailed(message.MessageId, message.Attempt, "not configured");
            return SendResult.TransientFailure("The email channel is not configured: set its host and fromAddress settings.");
        }

        MimeMessage mime;
        try
        {
            mime = EmailComposer.Compose(message, settings, _timeProvider.GetUtcNow());
        }
        catch (UnsendableMessageException exception)
        {
            LogFailed(message.MessageId, message.Attempt, exception.Message);
            return SendResult.PermanentFailure(exception.Message);
        }

        using (mime)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await SmtpSender.SendAsync(mime, settings, linked.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every failure of the conversation becomes a result that says whether to retry.
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var failure = SmtpFailures.Classify(exception, settings);
                LogFailed(message.MessageId, message.Attempt, failure.Reason!);
                return failure;
            }

            var providerMessageId = mime.MessageId!;
            LogSent(message.MessageId, message.Attempt, providerMessageId);
            return SendResult.Sent(providerMessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email message {MessageId} (attempt {Attempt}) sent as {ProviderMessageId}.")]
    private partial void LogSent(string messageId, int attempt, string providerMessageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email message {MessageId} (attempt {Attempt}) not sent: {Reason}")]
    private partial void LogFailed(string messageId, int attempt, string reason);
}
