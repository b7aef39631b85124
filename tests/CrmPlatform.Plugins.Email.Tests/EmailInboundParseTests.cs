using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Email.Tests;

/// <summary>Parses real-looking raw mail and delivery status notifications (the files in Inbound/).</summary>
public sealed class EmailInboundParseTests : IAsyncDisposable
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<EmailPlugin>(
        options: new PluginTestHostOptions { TimeProvider = new FakeTimeProvider(TestMessages.Now) });

    public EmailInboundParseTests() => _host.SetSettings(TestMessages.Settings(25));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task ParseAsync_Reply_IsAMessageFromTheSenderWithTheTextPart()
    {
        var result = await ParseAsync(InboundRequests.File("reply.eml"));

        Assert.Empty(result.Receipts);
        var message = Assert.Single(result.Messages);
        Assert.Equal("CAF=reply-1@mail.example.com", message.ProviderMessageId);
        Assert.Equal(new InboundSender(null, "ada@example.com", null, "Ada Lovelace"), message.From);
        Assert.Equal("Re: Welcome, Ada", message.Subject);
        Assert.Equal("Thanks! Could you tell me more about the Gold plan \u2014 does it include support?", message.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 14, 58, TimeSpan.FromHours(1)), message.ReceivedAt);
        Assert.Null(message.Consent);
    }

    [Fact]
    public async Task ParseAsync_HtmlOnly_TextIsTheHtmlAsText()
    {
        var message = Assert.Single((await ParseAsync(InboundRequests.File("html-only.eml"))).Messages);

        Assert.Equal("Where is order o-1001?\n\nFish & chips, please.", message.Text);
        Assert.Equal("grace@example.org", message.From.Email);
        Assert.Equal("Grace Hopper", message.From.DisplayName);
    }

    [Fact]
    public async Task ParseAsync_UnsubscribeMailWithoutDateOrMessageId_IsAnOptOutReceivedNow()
    {
        var request = InboundRequests.File("unsubscribe.eml");

        var message = Assert.Single((await ParseAsync(request)).Messages);

        Assert.Equal(ConsentDirective.OptOut, message.Consent);
        Assert.Equal(TestMessages.Now, message.ReceivedAt);
        Assert.Null(message.From.DisplayName);
        Assert.Matches("^sha256:[0-9a-f]{64}$", message.ProviderMessageId);
        Assert.Equal(message.ProviderMessageId, Assert.Single((await ParseAsync(request)).Messages).ProviderMessageId);
    }

    [Fact]
    public async Task ParseAsync_BounceWith511_IsAPermanentBounceOfTheOriginalMessage()
    {
        var result = await ParseAsync(InboundRequests.File("bounce-5xx.eml"));

        Assert.Empty(result.Messages);
        var receipt = Assert.Single(result.Receipts);
        Assert.Equal("msg-0001@mail.shop.example", receipt.ProviderMessageId);
        Assert.Equal(ReceiptStatus.Bounced, receipt.Status);
        Assert.True(receipt.Permanent);
        Assert.StartsWith("failed 5.1.1 for nobody@example.com: 550 5.1.1 <nobody@example.com>: Recipient address", receipt.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 31, 4, TimeSpan.Zero), receipt.OccurredAt);
    }

    [Fact]
    public async Task ParseAsync_DelayWith422AndHeadersOnly_IsATransientFailure()
    {
        var receipt = Assert.Single((await ParseAsync(InboundRequests.File("delayed-4xx.eml"))).Receipts);

        Assert.Equal("msg-0002@mail.shop.example", receipt.ProviderMessageId);
        Assert.Equal(ReceiptStatus.Failed, receipt.Status);
        Assert.False(receipt.Permanent);
        Assert.Contains("452 4.2.2 Mailbox full", receipt.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 59, 0, TimeSpan.Zero), receipt.OccurredAt);
    }

    [Fact]
    public async Task ParseAsync_BounceWithOnlyTheEnvelopeId_UsesTheDecodedEnvelopeId()
    {
        var receipt = Assert.Single((await ParseAsync(InboundRequests.File("bounce-envelope-id.eml"))).Receipts);

        Assert.Equal("msg+0003@mail.shop.example", receipt.ProviderMessageId);
        Assert.Equal(ReceiptStatus.Bounced, receipt.Status);
        Assert.True(receipt.Permanent);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), receipt.OccurredAt);
    }

    [Fact]
    public async Task ParseAsync_BounceNamingNoOriginal_FailsNamingOriginalEnvelopeId()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.File("bounce-unattributable.eml")));

        Assert.Equal("Original-Envelope-Id", exception.Field);
    }

    [Fact]
    public async Task ParseAsync_NoFrom_FailsNamingFrom()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.File("no-from.eml")));

        Assert.Equal("From", exception.Field);
    }

    [Fact]
    public async Task ParseAsync_EmptyBody_FailsNamingBody()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.Raw([])));

        Assert.Equal("body", exception.Field);
        Assert.Contains("empty", exception.Message);
    }

    [Fact]
    public async Task ParseAsync_LargerThanTheLimit_FailsNamingBody()
    {
        var settings = TestMessages.Settings(25);
        settings.MaxInboundBytes = 1024;
        _host.SetSettings(settings);
        var body = System.Text.Encoding.ASCII.GetBytes("From: ada@example.com\r\n\r\n" + new string('x', 1100));

        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.Raw(body)));

        Assert.Equal("body", exception.Field);
        Assert.Contains("at most 1024", exception.Message);
    }

    [Fact]
    public async Task ParseAsync_JsonContentType_FailsNamingContentType()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.Text("{\"from\":\"ada@example.com\"}", "application/json")));

        Assert.Equal("Content-Type", exception.Field);
    }

    [Fact]
    public async Task ParseAsync_TextPlainRawMessage_IsAccepted()
    {
        var result = await ParseAsync(InboundRequests.Text("From: ada@example.com\r\nSubject: hi\r\n\r\nhello\r\n", "text/plain; charset=us-ascii"));

        Assert.Equal("hello", Assert.Single(result.Messages).Text);
    }

    [Fact]
    public async Task ParseAsync_NotAMessage_FailsNamingBody()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(InboundRequests.Text("just some words, no headers at all")));

        Assert.Equal("body", exception.Field);
        Assert.StartsWith("The body is not an RFC 822 message", exception.Message);
    }

    private Task<InboundResult> ParseAsync(InboundRequest request) =>
        _host.ParseInboundAsync(EmailChannel.ChannelName, request, TestContext.Current.CancellationToken);
}
