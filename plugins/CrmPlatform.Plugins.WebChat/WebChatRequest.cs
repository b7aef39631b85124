using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.WebChat;

/// <summary>
/// One request of the widget to <c>/channels/webchat/inbound</c>: a JSON object (sent as
/// <c>text/plain</c> or <c>application/json</c>) whose <c>type</c> is <c>start</c> (a visitor
/// id and token, anonymous or for the signed <c>email</c>) or <c>message</c> (the visitor's
/// <c>text</c> with its client-side <c>id</c>, under a <c>token</c>; <c>consent: true</c> on the first
/// message of a conversation: the visitor asks for replies on the chat).
/// </summary>
internal sealed partial record WebChatRequest(
    string Type, string? Token, string? Email, string? Signature, string? Name, string? Id, string? Text, bool Consent = false)
{
    public const string Start = "start";
    public const string Message = "message";

    /// <summary>Reads the body; throws <see cref="InboundFormatException"/> naming the field that is wrong.</summary>
    public static WebChatRequest Read(InboundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is { } contentType
            && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new InboundFormatException("body", $"Expected a JSON body (application/json or text/plain), not '{contentType}'.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException exception)
        {
            throw new InboundFormatException("body", "The body is not JSON: " + exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InboundFormatException("body", "The body must be a JSON object.");
            }

            var type = String(root, "type", 16) ?? throw new InboundFormatException("type", "Required: 'start' or 'message'.");
            if (type is not (Start or Message))
            {
                throw new InboundFormatException("type", $"Must be 'start' or 'message', not '{type}'.");
            }

            var email = String(root, "email", 254);
            if (email is not null && !IsEmail(email))
            {
                throw new InboundFormatException("email", "Not an email address.");
            }

            var id = String(root, "id", 64);
            if (id is not null && !ClientIdPattern().IsMatch(id))
            {
                throw new InboundFormatException("id", "At most 64 letters, digits, '-' or '_'.");
            }

            var parsed = new WebChatRequest(
                type, String(root, "token", 200), email?.Trim(), String(root, "signature", 128), String(root, "name", 100), id, String(root, "text", int.MaxValue), Boolean(root, "consent"));
            if (type == Message && parsed.Token is null)
            {
                throw new InboundFormatException("token", "Required: the token the start request returned.");
            }

            return parsed;
        }
    }

    private static string? String(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InboundFormatException(name, "Must be a string.");
        }

        var text = value.GetString()!;
        return text.Length > maxLength
            ? throw new InboundFormatException(name, $"At most {maxLength} characters.")
            : text;
    }

    private static bool Boolean(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new InboundFormatException(name, "Must be true or false."),
        };

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
