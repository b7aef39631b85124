using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.WebChat.Tests;

/// <summary>Requests as the widget sends them, and the settings of a configured channel.</summary>
internal static class WidgetRequests
{
    public const string TokenSecret = "token-secret-of-the-tests-0123456789";
    public const string IdentitySecret = "identity-secret-shared-with-the-site";
    public static readonly Uri InboundUrl = new("https://crm.example.com/channels/webchat/inbound");

    public static WebChatSettings Settings(int maxTextLength = WebChatSettings.DefaultMaxTextLength) => new()
    {
        TokenSecret = TokenSecret,
        IdentitySecret = IdentitySecret,
        MaxTextLength = maxTextLength,
    };

    public static InboundRequest Json(object body) => Raw(JsonSerializer.Serialize(body));

    public static InboundRequest Raw(string body, string contentType = "text/plain;charset=UTF-8") =>
        new(InboundUrl, "POST", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), contentType, Encoding.UTF8.GetBytes(body));

    public static InboundRequest Live(string? token) =>
        new(
            new Uri("https://crm.example.com/channels/webchat/live" + (token is null ? "" : "?token=" + Uri.EscapeDataString(token))),
            "GET",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            null,
            ReadOnlyMemory<byte>.Empty);

    /// <summary>What the site's back end computes, written out independently of the plugin.</summary>
    public static string SiteSignature(string email, string secret = IdentitySecret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    public static (string VisitorId, string Token) Started(InboundResult result)
    {
        using var json = JsonDocument.Parse(result.Response!.Body);
        return (json.RootElement.GetProperty("visitorId").GetString()!, json.RootElement.GetProperty("token").GetString()!);
    }
}
