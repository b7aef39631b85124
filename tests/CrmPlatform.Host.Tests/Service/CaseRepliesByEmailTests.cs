using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Tests.Channels.EndToEnd;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;
using CrmPlatform.Plugins.Email.Tests;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Service;

/// <summary>
/// Case conversations through the bundled email plugin and a real SMTP server (aiosmtpd on
/// loopback): an agent's reply arrives as mail and is the case's first response at its sent time;
/// the customer's answer, posted raw to the email inbound route, threads onto the case its subject names.
/// </summary>
public sealed class CaseRepliesByEmailTests
{
    private const string InboundSecret = "inbound-secret-0123456789";

    [Fact]
    public async Task ReplyByEmail_ArrivesAndIsTheFirstResponse_AndAnAnswerNamingACaseInItsSubjectThreadsOntoThatCase()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var host = await RuntimeHost.StartAsync("--Crm:Plugins:BundledPlugins=crm.email");
        await BundledChannel.EnableAsync(host, "crm.email", new
        {
            host = "127.0.0.1",
            port = smtp.Port,
            security = "none",
            timeoutSeconds = 5,
            fromAddress = "support@shop.example",
            fromName = "Support",
            messageIdDomain = "mail.shop.example",
            defaultSubject = "Your case",
            inboundSecret = InboundSecret,
        });
        await BundledChannel.RegisterAsync(host, "ada", email: "ada@example.org");
        await BundledChannel.GrantAsync(host, "ada", "email");
        var named = await OpenAsync(host, "Invoice wrong");
        var replied = await OpenAsync(host, "Router drops");

        var accepted = await (await host.Admin.PostJsonAsync($"api/cases/{replied}/replies", Http.Json(new { channel = "email", text = "We have sent a new router." }))).ExpectAsync(HttpStatusCode.Accepted);
        var messageId = accepted.GetProperty("messageId").GetString()!;
        var events = await Eventually.UntilAsync(
            () => host.EventsOfAsync("ada"),
            e => e.Any(x => x.Event is MessageSent s && s.MessageId == messageId),
            e => $"ada: {string.Join(", ", e.Select(x => x.Type))}",
            TimeSpan.FromSeconds(60));
        var sentAt = events.Single(e => e.Event is MessageSent).OccurredAt;
        var view = await Eventually.UntilAsync(
            () => host.GetAsync($"api/cases/{replied}"),
            v => v.GetProperty("firstRespondedAt").ValueKind == JsonValueKind.String,
            v => $"No first response: {v}");

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("ada@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("We have sent a new router.", mail.TextBody?.Trim());
        Assert.Equal(sentAt, view.GetProperty("firstRespondedAt").GetDateTimeOffset());

        // The answer names the other case in its subject: it goes there, not to the case that last wrote by email.
        var raw = $"From: Ada <ada@example.org>\r\nTo: support@shop.example\r\nSubject: Re: [case:{named}] Invoice wrong\r\nMessage-ID: <answer-1@example.org>\r\nDate: Mon, 6 Jan 2025 10:00:00 +0000\r\n\r\nThe invoice still shows the old address.\r\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "channels/email/inbound") { Content = new StringContent(raw, Encoding.UTF8, "message/rfc822") };
        request.Headers.TryAddWithoutValidation("X-Crm-Inbound-Secret", InboundSecret);
        var answered = await host.Host.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(answered.IsSuccessStatusCode, $"{answered.StatusCode}: {await answered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var threaded = await Eventually.UntilAsync(
            () => host.GetAsync($"api/cases/{named}"),
            v => v.GetProperty("conversation").GetArrayLength() > 0,
            v => $"Not threaded: {v}");

        var inbound = Assert.Single(threaded.GetProperty("conversation").EnumerateArray());
        Assert.Equal("inbound", inbound.GetProperty("direction").GetString());
        Assert.Contains($"[case:{named}]", inbound.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("old address", inbound.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Single((await host.GetAsync($"api/cases/{replied}")).GetProperty("conversation").EnumerateArray());
    }

    private static async Task<string> OpenAsync(RuntimeHost host, string subject)
    {
        var opened = await (await host.Admin.PostJsonAsync("api/cases", Http.Json(new { customerId = "ada", kind = "complaint", subject }))).ExpectAsync(HttpStatusCode.Created);
        return opened.GetProperty("id").GetString()!;
    }
}
