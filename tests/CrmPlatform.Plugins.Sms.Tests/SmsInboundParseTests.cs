using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsInboundParseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<SmsPlugin>(options: new PluginTestHostOptions { TimeProvider = new FakeTimeProvider(Now) });

    public ValueTask InitializeAsync()
    {
        _host.SetSettings(TestMessages.Settings("https://api.twilio.com"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task ParseInboundAsync_OrdinaryText_IsAMessageFromThePhoneWithAnEmptyReply()
    {
        var result = await ParseAsync(SignedWebhook.Message("Is my order on its way?"));

        var message = Assert.Single(result.Messages);
        Assert.Equal(
            new InboundMessage("SM11111111111111111111111111111111", new InboundSender(null, null, "+447400123456", null), "Is my order on its way?", null, Now),
            message);
        Assert.Empty(result.Receipts);
        Assert.Equal(new InboundResponse(200, "application/xml", "<Response/>"), result.Response);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("  Stop \n")]
    [InlineData("STOPALL")]
    [InlineData("Unsubscribe")]
    [InlineData("CANCEL")]
    [InlineData("end")]
    [InlineData("QUIT")]
    public async Task ParseInboundAsync_OptOutKeyword_OptsOutAndConfirms(string body)
    {
        var result = await ParseAsync(SignedWebhook.Message(body));

        var message = Assert.Single(result.Messages);
        Assert.Equal(ConsentDirective.OptOut, message.Consent);
        Assert.Equal(body, message.Text);
        Assert.Equal(
            new InboundResponse(
                200,
                "application/xml",
                "<Response><Message>You have been unsubscribed and will receive no more messages. Reply START to subscribe again.</Message></Response>"),
            result.Response);
    }

    [Theory]
    [InlineData("START")]
    [InlineData("yes")]
    [InlineData(" Unstop ")]
    public async Task ParseInboundAsync_OptInKeyword_OptsInAndConfirms(string body)
    {
        var result = await ParseAsync(SignedWebhook.Message(body));

        Assert.Equal(ConsentDirective.OptIn, Assert.Single(result.Messages).Consent);
        Assert.Equal(
            "<Response><Message>You have been subscribed again. Reply HELP for help, STOP to unsubscribe.</Message></Response>",
            result.Response!.Body);
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("info")]
    public async Task ParseInboundAsync_HelpKeyword_RepliesTheHelpTextWithoutConsentChange(string body)
    {
        var settings = TestMessages.Settings("https://api.twilio.com");
        settings.HelpReply = "Acme <support> & returns: call 0800 123 456. Reply STOP to opt out.";
        _host.SetSettings(settings);

        var result = await ParseAsync(SignedWebhook.Message(body));

        Assert.Null(Assert.Single(result.Messages).Consent);
        Assert.Equal(
            "<Response><Message>Acme &lt;support&gt; &amp; returns: call 0800 123 456. Reply STOP to opt out.</Message></Response>",
            result.Response!.Body);
        Assert.Equal("application/xml", result.Response.ContentType);
    }

    [Theory]
    [InlineData("please stop")]
    [InlineData("STOP!")]
    [InlineData("stopping by later")]
    [InlineData("")]
    public async Task ParseInboundAsync_KeywordNotTheWholeText_IsNoKeyword(string body)
    {
        var result = await ParseAsync(SignedWebhook.Message(body));

        Assert.Null(Assert.Single(result.Messages).Consent);
        Assert.Equal("<Response/>", result.Response!.Body);
    }

    [Fact]
    public async Task ParseInboundAsync_StopWithEmptyConfirmation_OptsOutWithoutReply()
    {
        var settings = TestMessages.Settings("https://api.twilio.com");
        settings.StopReply = "";
        _host.SetSettings(settings);

        var result = await ParseAsync(SignedWebhook.Message("STOP"));

        Assert.Equal(ConsentDirective.OptOut, Assert.Single(result.Messages).Consent);
        Assert.Equal("<Response/>", result.Response!.Body);
    }

    [Theory]
    [InlineData("From")]
    [InlineData("To")]
    [InlineData("MessageSid")]
    [InlineData("Body")]
    public async Task ParseInboundAsync_MessageWithoutAField_NamesTheField(string field)
    {
        var form = SignedWebhook.Message("Hello").Where(p => p.Key != field).ToList();

        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(form));

        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public async Task ParseInboundAsync_JsonBody_NamesTheContentType()
    {
        var request = SignedWebhook.Request(SignedWebhook.Url, "{\"Body\":\"STOP\"}", "sig", contentType: "application/json");

        var exception = await Assert.ThrowsAsync<InboundFormatException>(
            () => _host.ParseInboundAsync("sms", request, TestContext.Current.CancellationToken));

        Assert.Equal("Content-Type", exception.Field);
    }

    [Fact]
    public async Task ParseInboundAsync_PlusAndPercentEncoding_AreDecoded()
    {
        var request = SignedWebhook.Request(
            SignedWebhook.Url,
            "MessageSid=SM1&From=%2B447400123456&To=%2B12015550100&Body=Caf%C3%A9+at+5%25+%F0%9F%98%80",
            "sig");

        var result = await _host.ParseInboundAsync("sms", request, TestContext.Current.CancellationToken);

        var message = Assert.Single(result.Messages);
        Assert.Equal("Café at 5% 😀", message.Text);
        Assert.Equal("+447400123456", message.From.Phone);
    }

    private Task<InboundResult> ParseAsync(IReadOnlyList<KeyValuePair<string, string>> form) =>
        _host.ParseInboundAsync("sms", SignedWebhook.Create(form), TestContext.Current.CancellationToken);
}
