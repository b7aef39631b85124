using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Customers, messages and settings as the platform would hand them to the plugin.</summary>
internal static class TestMessages
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    public static CustomerSnapshot Ada(IReadOnlyDictionary<string, JsonElement>? attributes = null) => new()
    {
        Id = "c-ada",
        Version = 7,
        Kind = CustomerKind.Person,
        DisplayName = "Ada <King> Lovelace",
        Emails = ["ada@example.com"],
        Phones = [],
        Attributes = attributes ?? new Dictionary<string, JsonElement>
        {
            ["plan"] = JsonSerializer.SerializeToElement("Gold & Co"),
            ["seats"] = JsonSerializer.SerializeToElement(12),
        },
        Stage = LifecycleStage.Growth,
        OrderCount = 1,
        Revenue = new Dictionary<string, decimal> { ["EUR"] = 900m },
        Consent = new Dictionary<string, bool> { ["email"] = true },
        Tags = [],
        Insights = new Dictionary<string, InsightValue>(),
        RegisteredAt = Now.AddDays(-30),
    };

    public static OutboundMessage Templated(
        string template = "welcome",
        string recipient = "ada@example.com",
        IReadOnlyDictionary<string, string>? variables = null,
        string messageId = "msg-0001",
        int attempt = 1) =>
        new(messageId, $"idem-{messageId}", recipient, null, template, variables ?? new Dictionary<string, string> { ["offer"] = "10% <off>" }, Ada(), attempt);

    public static OutboundMessage PlainText(string text, IReadOnlyDictionary<string, string>? variables = null) =>
        new("msg-text", "idem-text", "ada@example.com", text, null, variables ?? new Dictionary<string, string>(), Ada(), 1);

    public static EmailTemplate Welcome() => new()
    {
        Name = "welcome",
        Subject = "Welcome, {{firstName}}",
        TextBody = "Hello {{firstName}} {{lastName}}, your plan is {{attr.plan}} ({{attr.seats}} seats). Offer: {{var.offer}}. Mail: {{email}}",
        HtmlBody = "<p>Hello <b>{{firstName}} {{lastName}}</b>, your plan is {{attr.plan}}.</p><p>Offer: {{var.offer}}</p>",
    };

    public static EmailSettings Settings(int port, params EmailTemplate[] templates) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        TimeoutSeconds = 10,
        FromAddress = "crm@shop.example",
        FromName = "Example Shop",
        MessageIdDomain = "mail.shop.example",
        DefaultSubject = "A message from Example Shop",
        Templates = templates.Length == 0 ? [Welcome()] : templates,
        InboundSecret = "inbound-secret-0123456789",
    };
}
