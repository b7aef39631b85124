using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.WebChat.Tests;

public sealed class WebChatMessageTests : IAsyncLifetime
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<WebChatPlugin>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host.SetSettings(WidgetRequests.Settings(maxTextLength: 20));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Message_FromAnAnonymousVisitor_IsAMessageWhoseSenderIsTheVisitorId()
    {
        var (visitor, token) = await StartAsync();
        var request = WidgetRequests.Json(new { type = "message", token, id = "k1", text = "  Hello there  ", name = "Ada" });

        var verification = await _host.VerifyInboundAsync("webchat", request, Cancel);
        var result = await _host.ParseInboundAsync("webchat", request, Cancel);

        Assert.True(verification.IsGenuine, verification.Reason);
        var message = Assert.Single(result.Messages);
        Assert.Equal($"{visitor}:k1", message.ProviderMessageId);
        Assert.Equal(new InboundSender(visitor, null, null, "Ada"), message.From);
        Assert.Equal("Hello there", message.Text);
        Assert.Equal(_host.Time.GetUtcNow(), message.ReceivedAt);
        Assert.Null(message.Consent);
        Assert.Empty(result.Receipts);
        Assert.Equal(202, result.Response!.StatusCode);
    }

    [Fact]
    public async Task Message_FirstOfAConversation_OptsInToRepliesOnTheChat()
    {
        var (_, token) = await StartAsync();

        var result = await _host.ParseInboundAsync("webchat", WidgetRequests.Json(new { type = "message", token, id = "k0", text = "Hi", consent = true }), Cancel);

        Assert.Equal(ConsentDirective.OptIn, Assert.Single(result.Messages).Consent);
    }

    [Fact]
    public async Task Message_FromAnIdentifiedVisitor_CarriesTheEmailItWasIdentifiedWith()
    {
        var (visitor, token) = await StartAsync(new { type = "start", email = "ada@example.com", signature = WidgetRequests.SiteSignature("ada@example.com") });
        var request = WidgetRequests.Json(new { type = "message", token, email = "ada@example.com", id = "k2", text = "Where is my order?" });

        var verification = await _host.VerifyInboundAsync("webchat", request, Cancel);
        var message = Assert.Single((await _host.ParseInboundAsync("webchat", request, Cancel)).Messages);

        Assert.True(verification.IsGenuine, verification.Reason);
        Assert.Equal(new InboundSender(visitor, "ada@example.com", null, null), message.From);
    }

    [Fact]
    public async Task Message_IdentifiedVisitorNamingAnotherEmail_IsRejected()
    {
        var (_, token) = await StartAsync(new { type = "start", email = "ada@example.com", signature = WidgetRequests.SiteSignature("ada@example.com") });

        var verification = await _host.VerifyInboundAsync(
            "webchat", WidgetRequests.Json(new { type = "message", token, email = "grace@example.com", id = "k3", text = "Hi" }), Cancel);

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task Message_AnonymousVisitorNamingAnEmail_IsRejected()
    {
        var (_, token) = await StartAsync();

        var verification = await _host.VerifyInboundAsync(
            "webchat", WidgetRequests.Json(new { type = "message", token, email = "ada@example.com", id = "k4", text = "Hi" }), Cancel);

        Assert.False(verification.IsGenuine);
        Assert.Contains("identify first", verification.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v-00000000000000000000000000000000.AAAA")]
    [InlineData("not-a-token")]
    public async Task Message_TokenNotIssuedByTheChannel_IsRejected(string token)
    {
        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "message", token, id = "k5", text = "Hi" }), Cancel);

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task Message_TokenIssuedUnderAnotherSecret_IsRejected()
    {
        var (_, token) = await StartAsync();
        var settings = WidgetRequests.Settings();
        settings.TokenSecret = "a-rotated-token-secret-0123456789";
        _host.SetSettings(settings);

        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "message", token, id = "k6", text = "Hi" }), Cancel);

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task Message_LongerThanTheLimit_IsRefusedNamingText()
    {
        var (_, token) = await StartAsync();

        var refused = await Assert.ThrowsAsync<InboundFormatException>(() => _host.ParseInboundAsync(
            "webchat", WidgetRequests.Json(new { type = "message", token, id = "k7", text = new string('x', 21) }), Cancel));
        var accepted = await _host.ParseInboundAsync("webchat", WidgetRequests.Json(new { type = "message", token, id = "k8", text = new string('x', 20) }), Cancel);

        Assert.Equal("text", refused.Field);
        Assert.Contains("20", refused.Message, StringComparison.Ordinal);
        Assert.Single(accepted.Messages);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("{}", "type")]
    [InlineData("{\"type\":\"hello\"}", "type")]
    [InlineData("{\"type\":42}", "type")]
    [InlineData("{\"type\":\"message\",\"id\":\"a\",\"text\":\"hi\"}", "token")]
    [InlineData("{\"type\":\"start\",\"email\":\"not-an-email\"}", "email")]
    [InlineData("{\"type\":\"message\",\"token\":\"t\",\"id\":\"has space\",\"text\":\"hi\"}", "id")]
    [InlineData("{\"type\":\"message\",\"token\":\"t\",\"id\":\"a\",\"text\":7}", "text")]
    [InlineData("{\"type\":\"message\",\"token\":\"t\",\"id\":\"a\",\"text\":\"hi\",\"consent\":\"yes\"}", "consent")]
    public async Task Verify_MalformedBody_ThrowsNamingTheField(string body, string field)
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => _host.VerifyInboundAsync("webchat", WidgetRequests.Raw(body), Cancel));

        Assert.Equal(field, exception.Field);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"id\":\"a\",\"text\":\"   \"}", "text")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\"}", "id")]
    public async Task Parse_MessageMissingAPart_ThrowsNamingTheField(string body, string field)
    {
        var (_, token) = await StartAsync();

        var exception = await Assert.ThrowsAsync<InboundFormatException>(
            () => _host.ParseInboundAsync("webchat", WidgetRequests.Raw(body.Replace("{\"type\"", $"{{\"token\":\"{token}\",\"type\"", StringComparison.Ordinal)), Cancel));

        Assert.Equal(field, exception.Field);
    }

    [Fact]
    public async Task Verify_FormBody_ThrowsNamingTheBody()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(
            () => _host.VerifyInboundAsync("webchat", WidgetRequests.Raw("type=start", "application/x-www-form-urlencoded"), Cancel));

        Assert.Equal("body", exception.Field);
    }

    private async Task<(string VisitorId, string Token)> StartAsync(object? start = null) =>
        WidgetRequests.Started(await _host.ParseInboundAsync("webchat", WidgetRequests.Json(start ?? new { type = "start" }), Cancel));
}
