using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace Contoso.Crm.Pager.Tests;

/// <summary>Messages, settings and webhooks as the platform and the provider would hand them to the plugin.</summary>
internal static class TestPages
{
    public const string ApiKey = "pk-test-123";
    public const string WebhookSecret = "whsec-test-456";

    public static PagerSettings Settings(string baseUrl) => new() { BaseUrl = baseUrl, ApiKey = ApiKey, WebhookSecret = WebhookSecret };

    public static OutboundMessage Text(string? text, string? template = null) => new(
        "msg-1",
        "idem-1",
        "+447400123456",
        text,
        template,
        new Dictionary<string, string>(),
        Customer(),
        1);

    /// <summary>A webhook with <paramref name="json"/> as body, signed with <paramref name="secret"/> (null: no signature header).</summary>
    public static InboundRequest Webhook(string json, string? secret = WebhookSecret, string? signature = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        signature ??= secret is null ? null : Sign(secret, body);
        if (signature is not null)
        {
            headers[PagerInbound.SignatureHeader] = signature;
        }

        return new InboundRequest(new Uri("https://crm.example.com/channels/pager/inbound"), "POST", headers, "application/json", body);
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static CustomerSnapshot Customer() => new()
    {
        Id = "c-1",
        Version = 1,
        Kind = CustomerKind.Person,
        DisplayName = "Ada Lovelace",
        Emails = [],
        Phones = ["+447400123456"],
        Attributes = new Dictionary<string, JsonElement>(),
        Stage = LifecycleStage.Prospect,
        OrderCount = 0,
        Revenue = new Dictionary<string, decimal>(),
        Consent = new Dictionary<string, bool> { ["pager"] = true },
        Tags = [],
        Insights = new Dictionary<string, InsightValue>(),
        RegisteredAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
