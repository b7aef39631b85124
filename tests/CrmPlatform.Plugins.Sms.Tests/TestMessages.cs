using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Plugins.Sms.Tests;

/// <summary>Messages and settings as the platform would hand them to the plugin.</summary>
internal static class TestMessages
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "secret-auth-token";
    public const string From = "+12015550100";

    public static SmsSettings Settings(string baseUrl) => new()
    {
        BaseUrl = baseUrl,
        AccountSid = AccountSid,
        AuthToken = AuthToken,
        FromNumber = From,
        StatusCallbackUrl = "https://crm.example.com/channels/sms/inbound",
        DefaultRegion = "GB",
    };

    public static OutboundMessage Text(string recipient, string? text, string? template = null) => new(
        "msg-1",
        "idem-1",
        recipient,
        text,
        template,
        new Dictionary<string, string>(),
        Customer(recipient),
        1);

    private static CustomerSnapshot Customer(string phone) => new()
    {
        Id = "c-1",
        Version = 1,
        Kind = CustomerKind.Person,
        DisplayName = "Ada Lovelace",
        Emails = [],
        Phones = [phone],
        Attributes = new Dictionary<string, JsonElement>(),
        Stage = LifecycleStage.Prospect,
        OrderCount = 0,
        Revenue = new Dictionary<string, decimal>(),
        Consent = new Dictionary<string, bool> { ["sms"] = true },
        Tags = [],
        Insights = new Dictionary<string, InsightValue>(),
        RegisteredAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
