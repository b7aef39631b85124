using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;
using CrmPlatform.Plugins.Email.Tests;
using CrmPlatform.Sdk.Events;
using MimeKit;

namespace CrmPlatform.Host.Tests.Channels.EndToEnd;

/// <summary>
/// The bundled email plugin behind the platform, sending to a real SMTP server (aiosmtpd on
/// loopback): a message asked for through the API arrives with its bodies and headers, and an
/// outage of the server delays messages without losing or doubling any.
/// </summary>
public sealed class EmailThroughThePlatformTests
{
    private const string PluginId = "crm.email";

    // Long enough retries to ride out the outage below: 30 attempts, 100 ms doubling to 500 ms.
    private static readonly string[] Retries =
        ["--Crm:Plugins:BundledPlugins=crm.email", "--Crm:Plugins:MaxAttempts=30", "--Crm:Plugins:RetryBaseDelay=00:00:00.100", "--Crm:Plugins:RetryMaxDelay=00:00:00.500"];

    [Fact]
    public async Task SendMessage_Template_ArrivesWithRecipientSubjectBothBodiesAndHeaders()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var host = await RuntimeHost.StartAsync(Retries);
        await BundledChannel.EnableAsync(host, PluginId, Settings(smtp.Port));
        await BundledChannel.RegisterAsync(host, "ada", email: "ada@example.org");
        await BundledChannel.GrantAsync(host, "ada", "email");

        var accepted = await (await BundledChannel.SendAsync(host, "ada", new { channel = "email", template = "welcome", variables = new { offer = "10% <off>" } }))
            .ExpectAsync(HttpStatusCode.Accepted);
        var messageId = accepted.GetProperty("messageId").GetString()!;
        await WaitForSentAsync(host, "ada", 1);

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("ada@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Welcome, Ada", mail.Subject);
        Assert.Equal("Hello Ada, your offer: 10% <off>", mail.TextBody?.Trim());
        Assert.Contains("<p>Hello Ada, your offer: 10% &lt;off&gt;</p>", mail.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Equal($"{messageId}@mail.shop.example", mail.MessageId);
        Assert.Equal("crm@shop.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.StartsWith("<mailto:unsubscribe@shop.example?", mail.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        var sent = Assert.Single((await host.EventsOfAsync("ada")).Select(e => e.Event).OfType<MessageSent>());
        Assert.Equal(mail.MessageId, sent.ProviderMessageId);
    }

    [Fact]
    public async Task SendMessage_SmtpServerDown_RetriedWithBackoffThenEachMessageArrivesOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var host = await RuntimeHost.StartAsync(Retries);
        await BundledChannel.EnableAsync(host, PluginId, Settings(smtp.Port));
        string[] customers = ["c1", "c2", "c3", "c4", "c5", "c6"];
        foreach (var id in customers)
        {
            await BundledChannel.RegisterAsync(host, id, email: $"{id}@example.org");
            await BundledChannel.GrantAsync(host, id, "email");
        }

        await smtp.StopAsync();
        var ids = new List<string>();
        foreach (var id in customers)
        {
            var accepted = await (await BundledChannel.SendAsync(host, id, new { channel = "email", text = $"Hello {id}" })).ExpectAsync(HttpStatusCode.Accepted);
            ids.Add(accepted.GetProperty("messageId").GetString()!);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var duringOutage = (await host.EventsAsync()).Count(e => e.Event is MessageSent);
        await smtp.RestartAsync();
        foreach (var id in customers)
        {
            await WaitForSentAsync(host, id, 1);
        }

        await host.WaitForNoLagAsync(PluginId);
        Assert.Equal(0, duringOutage);
        var mails = smtp.Messages();
        Assert.Equal(customers.Length, mails.Count);
        Assert.Equal(ids.Select(i => $"{i}@mail.shop.example").Order(StringComparer.Ordinal), mails.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(customers.Select(c => $"{c}@example.org").Order(StringComparer.Ordinal), mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.Equal(customers.Length, (await host.EventsAsync()).Count(e => e.Event is MessageSent));
        Assert.Empty((await host.GetAsync($"api/plugins/{PluginId}/dead-letters")).EnumerateArray());
    }

    private static object Settings(int port) => new
    {
        host = "127.0.0.1",
        port,
        security = "none",
        timeoutSeconds = 5,
        fromAddress = "crm@shop.example",
        fromName = "Shop",
        messageIdDomain = "mail.shop.example",
        defaultSubject = "News from the shop",
        unsubscribeMailto = "unsubscribe@shop.example",
        templates = new[]
        {
            new
            {
                name = "welcome",
                subject = "Welcome, {{firstName}}",
                textBody = "Hello {{firstName}}, your offer: {{var.offer}}",
                htmlBody = "<p>Hello {{firstName}}, your offer: {{var.offer}}</p>",
            },
        },
        inboundSecret = "inbound-secret-0123456789",
    };

    private static Task<IReadOnlyList<Sdk.Events.EventEnvelope>> WaitForSentAsync(RuntimeHost host, string customerId, int count) =>
        Eventually.UntilAsync(
            () => host.EventsOfAsync(customerId),
            events => events.Count(e => e.Event is MessageSent) >= count,
            events => $"{customerId}: {string.Join(", ", events.Select(e => e.Type))}",
            TimeSpan.FromSeconds(60));
}
