using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.TestPlugins.Channel;

/// <summary>
/// The webhooks of channel <c>test</c>: genuine when header <c>X-Test-Secret</c> carries the
/// configured secret; the body is JSON <c>{"messages":[{"id","text","subject","consent","from":{"identity","email","phone","name"}}],
/// "receipts":[{"id","status","permanent","reason"}]}</c>. A STOP (<c>consent: "optOut"</c>) is answered with a text.
/// </summary>
public sealed class TestChannelInbound(IPluginSettings<TestChannelSettings> settings, TimeProvider time) : IChannelInbound
{
    /// <inheritdoc />
    public string ChannelName => TestChannel.Name;

    /// <inheritdoc />
    public Task<InboundVerification> VerifyAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(
            request.Headers.TryGetValue("X-Test-Secret", out var secret) && secret == settings.Current.Secret
                ? InboundVerification.Genuine
                : InboundVerification.Rejected("X-Test-Secret is missing or wrong."));
    }

    /// <inheritdoc />
    public Task<InboundResult> ParseAsync(InboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InboundFormatException("body", $"Not JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InboundFormatException("body", "Must be a JSON object.");
        }

        var messages = Items(root, "messages").Select((m, i) => Message(m, i)).ToArray();
        var receipts = Items(root, "receipts").Select((r, i) => Receipt(r, i)).ToArray();
        var response = messages.Any(m => m.Consent == ConsentDirective.OptOut)
            ? new InboundResponse(200, "text/plain", "You will get no more messages.")
            : null;
        return Task.FromResult(new InboundResult(messages, receipts, response));
    }

    private InboundMessage Message(JsonElement m, int i)
    {
        var from = m.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object
            ? f
            : throw new InboundFormatException($"messages[{i}].from", "Required: an object.");
        var sender = new InboundSender(Text(from, "identity"), Text(from, "email"), Text(from, "phone"), Text(from, "name"));
        if (sender.ChannelIdentity is null && sender.Email is null && sender.Phone is null)
        {
            throw new InboundFormatException($"messages[{i}].from", "Needs an identity, an email or a phone.");
        }

        var consent = Text(m, "consent") switch
        {
            null => (ConsentDirective?)null,
            "optOut" => ConsentDirective.OptOut,
            "optIn" => ConsentDirective.OptIn,
            _ => throw new InboundFormatException($"messages[{i}].consent", "Must be 'optIn' or 'optOut'."),
        };
        return new InboundMessage(
            Text(m, "id") ?? throw new InboundFormatException($"messages[{i}].id", "Required."),
            sender,
            Text(m, "text") ?? throw new InboundFormatException($"messages[{i}].text", "Required."),
            Text(m, "subject"),
            time.GetUtcNow(),
            consent);
    }

    private static DeliveryReceipt Receipt(JsonElement r, int i) => new(
        Text(r, "id") ?? throw new InboundFormatException($"receipts[{i}].id", "Required."),
        Text(r, "status") switch
        {
            "delivered" => ReceiptStatus.Delivered,
            "bounced" => ReceiptStatus.Bounced,
            "failed" => ReceiptStatus.Failed,
            _ => throw new InboundFormatException($"receipts[{i}].status", "Must be 'delivered', 'bounced' or 'failed'."),
        },
        r.TryGetProperty("permanent", out var permanent) && permanent.ValueKind == JsonValueKind.True,
        Text(r, "reason"),
        DateTimeOffset.UnixEpoch);

    private static JsonElement[] Items(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var items) ? []
        : items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToArray()
        : throw new InboundFormatException(name, "Must be an array.");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
