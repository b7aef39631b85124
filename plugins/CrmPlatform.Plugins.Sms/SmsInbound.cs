using System.Globalization;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// Understands the provider's webhooks on <c>/channels/sms/inbound</c>: checks their
/// <c>X-Twilio-Signature</c>, then reads a status callback (<c>MessageSid</c>, <c>MessageStatus</c>,
/// <c>ErrorCode</c>) as a <see cref="DeliveryReceipt"/>, or an incoming text (<c>MessageSid</c>,
/// <c>From</c>, <c>To</c>, <c>Body</c>) as an <see cref="InboundMessage"/>, answering the STOP,
/// START and HELP keywords with the configured replies.
/// </summary>
public sealed class SmsInbound : IChannelInbound
{
    private readonly IPluginSettings<SmsSettings> _settings;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the inbound side of the channel.</summary>
    /// <param name="settings">The auth token that keys signatures and the keyword replies.</param>
    /// <param name="timeProvider">The clock of receipts and messages (the provider's callbacks carry no time).</param>
    public SmsInbound(IPluginSettings<SmsSettings> settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string ChannelName => SmsChannel.Name;

    /// <inheritdoc />
    public Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Verify(request));
    }

    /// <inheritdoc />
    public Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = TwilioForm.Read(request);
        var status = form.Get("MessageStatus");
        var result = status is not null && !status.Equals("received", StringComparison.OrdinalIgnoreCase)
            ? ReadStatusCallback(form, status.Trim().ToLowerInvariant())
            : ReadMessage(form);
        return Task.FromResult(result);
    }

    private InboundVerification Verify(InboundRequest request)
    {
        var authToken = _settings.Current.AuthToken;
        if (string.IsNullOrEmpty(authToken))
        {
            return InboundVerification.Rejected("The SMS channel has no auth token configured; no webhook can be verified.");
        }

        var signature = Header(request.Headers, TwilioSignature.Header);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return InboundVerification.Rejected($"The request has no {TwilioSignature.Header} header.");
        }

        IReadOnlyList<KeyValuePair<string, string>> parameters = [];
        if (request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && TwilioForm.IsForm(request.ContentType))
        {
            try
            {
                parameters = TwilioForm.Read(request).Parameters;
            }
            catch (InboundFormatException exception)
            {
                return InboundVerification.Rejected("The signed body cannot be read: " + exception.Message);
            }
        }

        return SignedUrls(request.Url).Any(url => TwilioSignature.Verify(authToken, url, parameters, signature))
            ? InboundVerification.Genuine
            : InboundVerification.Rejected($"The {TwilioSignature.Header} header does not match the request.");
    }

    private InboundResult ReadStatusCallback(TwilioForm form, string status)
    {
        var sid = form.Require("MessageSid");
        var now = _timeProvider.GetUtcNow();
        if (status == "delivered")
        {
            return new InboundResult([], [new DeliveryReceipt(sid, ReceiptStatus.Delivered, false, null, now)]);
        }

        if (status is not ("undelivered" or "failed"))
        {
            // queued, sending, sent, accepted, scheduled, read, canceled: progress, not an outcome.
            return new InboundResult([], []);
        }

        var codeText = form.Get("ErrorCode");
        int? code = null;
        if (!string.IsNullOrWhiteSpace(codeText))
        {
            code = int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new InboundFormatException("ErrorCode", $"The ErrorCode '{codeText}' is not a number.");
        }

        var permanent = code is { } c && TwilioErrorCodes.IsPermanentReceiptError(c);
        var reason = code is { } known ? $"{status}: {TwilioErrorCodes.Describe(known)}" : status;
        var receipt = new DeliveryReceipt(sid, permanent ? ReceiptStatus.Bounced : ReceiptStatus.Failed, permanent, reason, now);
        return new InboundResult([], [receipt]);
    }

    private InboundResult ReadMessage(TwilioForm form)
    {
        var sid = form.Require("MessageSid");
        var from = form.Require("From");
        form.Require("To");
        var body = form.Require("Body", allowEmpty: true);
        var settings = _settings.Current;
        var (consent, response) = SmsKeywords.Classify(body) switch
        {
            SmsKeyword.OptOut => (ConsentDirective.OptOut, TwiML.Reply(settings.StopReply)),
            SmsKeyword.OptIn => (ConsentDirective.OptIn, TwiML.Reply(settings.StartReply)),
            SmsKeyword.Help => ((ConsentDirective?)null, TwiML.Reply(settings.HelpReply)),
            _ => ((ConsentDirective?)null, TwiML.Empty),
        };
        var message = new InboundMessage(sid, new InboundSender(null, null, from, null), body, null, _timeProvider.GetUtcNow(), consent);
        return new InboundResult([message], [], response);
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value)
            ? value
            : headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The URL as given, as normalised and, on a default port, with the port written out: providers sign either form.</summary>
    private static IEnumerable<string> SignedUrls(Uri url)
    {
        var forms = new List<string> { url.OriginalString };
        if (url.IsAbsoluteUri)
        {
            forms.Add(url.AbsoluteUri);
            if (url.IsDefaultPort)
            {
                forms.Add($"{url.Scheme}://{url.Authority}:{url.Port}{url.PathAndQuery}");
            }
        }

        return forms.Distinct(StringComparer.Ordinal);
    }
}
