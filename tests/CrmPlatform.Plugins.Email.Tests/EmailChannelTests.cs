using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Sends through a real SMTP server (aiosmtpd) and reads what it received back from its Maildir.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    private SmtpTestServer _server = null!;
    private PluginTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SmtpTestServer.StartAsync();
        _host = PluginTestHost.FromManifestFile<EmailPlugin>(options: new PluginTestHostOptions { TimeProvider = new FakeTimeProvider(TestMessages.Now) });
        _host.SetSettings(TestMessages.Settings(_server.Port));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Template_DeliversTextAndHtmlWithTheCustomersFields()
    {
        var result = await SendAsync(TestMessages.Templated());

        Assert.True(result.Status == SendStatus.Sent, result.Reason);
        var mail = Assert.Single(_server.Messages());
        Assert.Equal("ada@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("crm@shop.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Example Shop", Assert.Single(mail.From.Mailboxes).Name);
        Assert.Equal("Welcome, Ada", mail.Subject);
        Assert.Equal("multipart/alternative", mail.Body!.ContentType.MimeType);
        Assert.Equal(
            "Hello Ada <King> Lovelace, your plan is Gold & Co (12 seats). Offer: 10% <off>. Mail: ada@example.com",
            mail.TextBody!.Trim());
        Assert.Equal(
            "<p>Hello <b>Ada &lt;King&gt; Lovelace</b>, your plan is Gold &amp; Co.</p><p>Offer: 10% &lt;off&gt;</p>",
            mail.HtmlBody!.Trim());
    }

    [Fact]
    public async Task SendAsync_Template_UsesTheStableMessageIdAndTheClock()
    {
        var result = await SendAsync(TestMessages.Templated(messageId: "msg 42/x"));

        var mail = Assert.Single(_server.Messages());
        Assert.Equal("msg-42/x@mail.shop.example", mail.MessageId);
        Assert.Equal(mail.MessageId, result.ProviderMessageId);
        Assert.Equal("msg 42/x", mail.Headers[EmailHeaders.CrmMessageId]);
        Assert.Equal(TestMessages.Now, mail.Date);
    }

    [Fact]
    public async Task SendAsync_UnsubscribeMailtoAndUrl_WritesListUnsubscribeAndOneClickPost()
    {
        var settings = TestMessages.Settings(_server.Port);
        settings.UnsubscribeMailto = "unsubscribe@shop.example";
        settings.UnsubscribeUrl = "https://shop.example/unsubscribe?c={customerId}&m={messageId}";
        _host.SetSettings(settings);

        await SendAsync(TestMessages.Templated(messageId: "msg-7"));

        var mail = Assert.Single(_server.Messages());
        Assert.Equal(
            "<mailto:unsubscribe@shop.example?subject=unsubscribe%20c-ada%20msg-7>, <https://shop.example/unsubscribe?c=c-ada&m=msg-7>",
            Unfold(mail.Headers[EmailHeaders.ListUnsubscribe]));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers[EmailHeaders.ListUnsubscribePost]);
    }

    [Fact]
    public async Task SendAsync_MailtoOnly_HasNoOneClickPost()
    {
        var settings = TestMessages.Settings(_server.Port);
        settings.UnsubscribeMailto = "unsubscribe@shop.example";
        _host.SetSettings(settings);

        await SendAsync(TestMessages.Templated());

        var mail = Assert.Single(_server.Messages());
        Assert.StartsWith("<mailto:unsubscribe@shop.example?", mail.Headers[EmailHeaders.ListUnsubscribe]);
        Assert.False(mail.Headers.Contains(EmailHeaders.ListUnsubscribePost));
    }

    [Fact]
    public async Task SendAsync_NoUnsubscribeSettings_HasNoListUnsubscribe()
    {
        await SendAsync(TestMessages.Templated());

        Assert.False(Assert.Single(_server.Messages()).Headers.Contains(EmailHeaders.ListUnsubscribe));
    }

    [Fact]
    public async Task SendAsync_PlainText_SendsOneTextPartWithTheDefaultSubject()
    {
        var result = await SendAsync(TestMessages.PlainText("Your parcel left the warehouse."));

        Assert.Equal(SendStatus.Sent, result.Status);
        var mail = Assert.Single(_server.Messages());
        Assert.Equal("text/plain", mail.Body!.ContentType.MimeType);
        Assert.Equal("Your parcel left the warehouse.", mail.TextBody!.Trim());
        Assert.Null(mail.HtmlBody);
        Assert.Equal("A message from Example Shop", mail.Subject);
    }

    [Fact]
    public async Task SendAsync_HtmlOnlyTemplate_AddsATextVersionOfTheHtml()
    {
        _host.SetSettings(TestMessages.Settings(_server.Port, new EmailTemplate
        {
            Name = "news",
            Subject = "News",
            HtmlBody = "<html><head><style>p{color:red}</style></head><body><p>Hi {{firstName}},</p><p>new &amp; shiny</p></body></html>",
        }));

        await SendAsync(TestMessages.Templated("news"));

        var mail = Assert.Single(_server.Messages());
        Assert.Equal("multipart/alternative", mail.Body!.ContentType.MimeType);
        Assert.Equal("Hi Ada,\n\nnew & shiny", mail.TextBody!.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SendAsync_ManyInSequence_EachIsStoredOnceUnderItsOwnMessageId()
    {
        const int count = 100;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(SendStatus.Sent, (await SendAsync(TestMessages.Templated(messageId: $"bulk-{i:D3}"))).Status);
        }

        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{count} templated sends, one SMTP connection each, in {clock.Elapsed.TotalMilliseconds:F0} ms: {count / clock.Elapsed.TotalSeconds:F0} messages/s.");
        var ids = _server.Messages().Select(m => m.MessageId).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"bulk-{i:D3}@mail.shop.example"), ids.Order(StringComparer.Ordinal));
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync(EmailChannel.ChannelName, message, TestContext.Current.CancellationToken);

    private static string Unfold(string? header) =>
        string.Join(' ', (header ?? string.Empty).Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
}
