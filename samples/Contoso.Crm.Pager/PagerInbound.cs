using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace Contoso.Crm.Pager;

/// <summary>
/// Contoso Pager's webhooks, posted to the platform's <c>/channels/pager/inbound</c>. Each is one JSON
/// document signed with <c>X-Pager-Signature: sha256={hex of HMAC-SHA256(WebhookSecret, body)}</c>:
/// a customer's reply (<c>{"type":"reply","id","from","text"}</c>) or the status of a page the
/// platform sent (<c>{"type":"status","id","pageId","status":"delivered"|"failed"}</c>).
/// The platform calls <see cref="VerifyAsync"/> first (403 when not genuine), then <see cref="ParseAsync"/>.
/// </summary>
public sealed class PagerInbound : IChannelInbound
{
    /// <summary>The header that carries the signature.</summary>
    public const string SignatureHeader = "X-Pager-Signature";

    private const string SignaturePrefix = "sha256=";

    private readonly IPluginSettings<PagerSettings> _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates the inbound side; the platform creates one per request, in a DI scope.</summary>
    /// <param name="settings">The webhook secret, read on every request.</param>
    /// <param name="time">The clock: Contoso Pager's webhooks carry no time, so they are stamped on arrival.</param>
    public PagerInbound(IPluginSettings<PagerSettings> settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
    }

    /// <inheritdoc />
    public string ChannelName => PagerChannel.Name;

    /// <summary>
    /// Checks the signature over the raw body. A forged request is answered by returning
    /// <see cref="InboundVerification.Rejected"/>, never by throwing.
    /// </summary>
    public Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = _settings.Current.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Task.FromResult(InboundVerification.Rejected("The pager channel has no webhook secret configured (webhookSecret)."));
        }

        if (!request.Headers.TryGetValue(SignatureHeader, out var header) || !header.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return Task.FromResult(InboundVerification.Rejected($"The {SignatureHeader} header is missing or not sha256=<hex>."));
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return Task.FromResult(InboundVerification.Rejected($"The {SignatureHeader} header is not hexadecimal."));
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body.Span);

        // Constant time: how long the comparison takes must not reveal how much of a guess was right.
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(expected, claimed)
            ? InboundVerification.Genuine
            : InboundVerification.Rejected($"The {SignatureHeader} signature does not match the body."));
    }

    /// <summary>
    /// Turns a genuine webhook into a message or a receipt; throws <see cref="InboundFormatException"/>
    /// naming the wrong field (the platform answers 400 with it).
    /// </summary>
    public Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var webhook = Read(request.Body);
        if (webhook.Type is not ("reply" or "status"))
        {
            throw new InboundFormatException("type", $"Unknown webhook type '{webhook.Type}': expected reply or status.");
        }

        var id = Required(webhook.Id, "id");
        var now = _time.GetUtcNow();
        return Task.FromResult(webhook.Type == "reply"
            // The platform resolves the sender to a customer by phone number, and records each id once.
            ? new InboundResult([new InboundMessage(id, Sender(webhook), Required(webhook.Text, "text"), null, now)], [])
            : new InboundResult([], [Receipt(webhook, now)]));
    }

    private static InboundSender Sender(PagerWire.Webhook webhook) =>
        new(ChannelIdentity: null, Email: null, Phone: Required(webhook.From, "from"), DisplayName: null);

    private static DeliveryReceipt Receipt(PagerWire.Webhook webhook, DateTimeOffset now)
    {
        var pageId = Required(webhook.PageId, "pageId");
        return webhook.Status switch
        {
            "delivered" => new DeliveryReceipt(pageId, ReceiptStatus.Delivered, Permanent: false, Reason: null, now),

            // Contoso Pager does not say whether the number will never work, so a failure is not
            // permanent: the platform keeps the address valid.
            "failed" => new DeliveryReceipt(pageId, ReceiptStatus.Failed, Permanent: false, "Contoso Pager reported the page as failed.", now),
            _ => throw new InboundFormatException("status", $"Unknown page status '{webhook.Status}': expected delivered or failed."),
        };
    }

    private static PagerWire.Webhook Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<PagerWire.Webhook>(body.Span, PagerWire.Json)
                ?? throw new InboundFormatException("body", "The webhook body is not a JSON object.");
        }
        catch (JsonException exception)
        {
            // A value of the wrong type names its member ("$.from" becomes "from"); broken JSON names the body.
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            throw new InboundFormatException(field, $"The webhook body is not valid: {exception.Message}");
        }
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InboundFormatException(field, $"The webhook has no {field}.") : value;
}
