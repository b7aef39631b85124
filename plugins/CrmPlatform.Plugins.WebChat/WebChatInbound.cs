using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// The widget's side of web chat. <c>start</c> issues a visitor id and token (for an identify call,
/// the id of the customer with the email the site signed); <c>message</c> becomes an
/// <see cref="InboundMessage"/> whose sender's channel identity is the visitor id (and whose email
/// is the identified customer's), so the platform records it on that customer or on a new
/// Prospect; the first message of a conversation opts the customer in to replies on the chat.
/// Serves <c>widget.js</c> and lets a token follow its own visitor's conversation live.
/// </summary>
public sealed class WebChatInbound : ILiveChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IPluginSettings<WebChatSettings> _settings;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the inbound side of the channel.</summary>
    /// <param name="settings">The secrets and limits.</param>
    /// <param name="timeProvider">The clock of received messages.</param>
    public WebChatInbound(IPluginSettings<WebChatSettings> settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string ChannelName => WebChatChannel.Name;

    /// <inheritdoc />
    public Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        var body = WebChatRequest.Read(request);
        var settings = _settings.Current;
        if (string.IsNullOrEmpty(settings.TokenSecret))
        {
            return Task.FromResult(InboundVerification.Rejected("Web chat has no token secret configured."));
        }

        return Task.FromResult(body.Type == WebChatRequest.Start ? VerifyStart(settings, body) : VerifyMessage(settings, body));
    }

    /// <inheritdoc />
    public Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        var body = WebChatRequest.Read(request);
        var settings = _settings.Current;
        var secret = settings.TokenSecret ?? throw new InvalidOperationException("Web chat has no token secret configured.");
        if (body.Type == WebChatRequest.Start)
        {
            var visitorId = body.Email is { } email ? VisitorTokens.IdentifiedVisitorId(secret, email) : VisitorTokens.NewVisitorId();
            var started = new { visitorId, token = VisitorTokens.Issue(secret, visitorId), email = body.Email };
            return Task.FromResult(new InboundResult([], [], new InboundResponse(200, "application/json", JsonSerializer.Serialize(started, Json))));
        }

        var text = body.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new InboundFormatException("text", "Required: the message.");
        }

        if (text.Length > settings.MaxTextLength)
        {
            throw new InboundFormatException("text", $"At most {settings.MaxTextLength} characters.");
        }

        if (body.Id is null)
        {
            throw new InboundFormatException("id", "Required: the message's id in the browser, so a retry is recorded once.");
        }

        var visitor = VisitorTokens.Verify(secret, body.Token) ?? throw new InboundFormatException("token", "Not a token of this channel.");
        var message = new InboundMessage(
            $"{visitor}:{body.Id}",
            new InboundSender(visitor, body.Email, null, body.Name?.Trim() is { Length: > 0 } name ? name : null),
            text,
            null,
            _timeProvider.GetUtcNow(),
            body.Consent ? ConsentDirective.OptIn : null);
        var accepted = JsonSerializer.Serialize(new { id = message.ProviderMessageId }, Json);
        return Task.FromResult(new InboundResult([message], [], new InboundResponse(202, "application/json", accepted)));
    }

    /// <inheritdoc />
    public Task<InboundResponse?> GetAssetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(name == WidgetScript.Name ? new InboundResponse(200, WidgetScript.ContentType, WidgetScript.Text) : null);

    /// <inheritdoc />
    public Task<LiveAuthorization> AuthorizeLiveAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(_settings.Current.TokenSecret))
        {
            return Task.FromResult(LiveAuthorization.Refused("Web chat has no token secret configured."));
        }

        var token = QueryValue(request.Url, "token");
        return Task.FromResult(VisitorTokens.Verify(_settings.Current.TokenSecret, token) is { } visitor
            ? LiveAuthorization.Allowed(visitor)
            : LiveAuthorization.Refused(token is null ? "No token." : "The token was not issued by this channel."));
    }

    private static InboundVerification VerifyStart(WebChatSettings settings, WebChatRequest body)
    {
        if (body.Email is not { } email || settings.AllowUnsignedIdentify)
        {
            return InboundVerification.Genuine;
        }

        if (string.IsNullOrEmpty(settings.IdentitySecret))
        {
            return InboundVerification.Rejected("Identify calls need an identity secret, and none is configured.");
        }

        return VisitorTokens.IsIdentitySignature(settings.IdentitySecret, email, body.Signature)
            ? InboundVerification.Genuine
            : InboundVerification.Rejected(body.Signature is null ? "The identify call has no signature." : "The identify call's signature does not match its email.");
    }

    private static InboundVerification VerifyMessage(WebChatSettings settings, WebChatRequest body)
    {
        if (VisitorTokens.Verify(settings.TokenSecret!, body.Token) is not { } visitor)
        {
            return InboundVerification.Rejected("The token was not issued by this channel.");
        }

        // An identified visitor's id is derived from its email: the email cannot be swapped for another's.
        var identified = visitor.StartsWith("u-", StringComparison.Ordinal);
        return identified && (body.Email is null || VisitorTokens.IdentifiedVisitorId(settings.TokenSecret!, body.Email) != visitor)
            ? InboundVerification.Rejected("The email is not the one the visitor was identified with.")
            : !identified && body.Email is not null
                ? InboundVerification.Rejected("An anonymous visitor cannot name an email; identify first.")
                : InboundVerification.Genuine;
    }

    private static string? QueryValue(Uri url, string name)
    {
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (pair[..at], pair[(at + 1)..]) : (pair, "");
            if (Uri.UnescapeDataString(key) == name)
            {
                return Uri.UnescapeDataString(value.Replace('+', ' '));
            }
        }

        return null;
    }
}
