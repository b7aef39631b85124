using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;

namespace Contoso.Crm.Pager.Tests;

public sealed class PagerInboundTests : IAsyncDisposable
{
    private const string Reply = """{"type":"reply","id":"in-1","from":"+447400123456","text":"Yes, tomorrow is fine."}""";

    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<PagerPlugin>();

    public PagerInboundTests() => _host.SetSettings(TestPages.Settings("https://api.pager.contoso.example"));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_SignedWithTheWebhookSecret_IsGenuine()
    {
        var verification = await VerifyAsync(TestPages.Webhook(Reply));

        Assert.True(verification.IsGenuine, verification.Reason);
    }

    [Fact]
    public async Task VerifyAsync_SignedWithAnotherSecret_IsRejected()
    {
        var verification = await VerifyAsync(TestPages.Webhook(Reply, secret: "guessed"));

        Assert.False(verification.IsGenuine);
        Assert.Contains("does not match", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_BodyChangedAfterSigning_IsRejected()
    {
        var signature = TestPages.Sign(TestPages.WebhookSecret, System.Text.Encoding.UTF8.GetBytes(Reply));

        var verification = await VerifyAsync(TestPages.Webhook(Reply.Replace("tomorrow", "today", StringComparison.Ordinal), signature: signature));

        Assert.False(verification.IsGenuine);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("md5=00")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=")]
    public async Task VerifyAsync_SignatureMissingOrMalformed_IsRejected(string? signature)
    {
        var request = signature is null ? TestPages.Webhook(Reply, secret: null) : TestPages.Webhook(Reply, signature: signature);

        var verification = await VerifyAsync(request);

        Assert.False(verification.IsGenuine);
        Assert.Contains(PagerInbound.SignatureHeader, verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NoWebhookSecretConfigured_IsRejected()
    {
        _host.SetSettings(new PagerSettings { ApiKey = TestPages.ApiKey });

        var verification = await VerifyAsync(TestPages.Webhook(Reply));

        Assert.False(verification.IsGenuine);
        Assert.Contains("webhookSecret", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Reply_IsAMessageFromThePhoneNumber_StampedOnArrival()
    {
        var result = await ParseAsync(Reply);

        var message = Assert.Single(result.Messages);
        Assert.Empty(result.Receipts);
        Assert.Null(result.Response);
        Assert.Equal(
            new InboundMessage("in-1", new InboundSender(null, null, "+447400123456", null), "Yes, tomorrow is fine.", null, _host.Time.GetUtcNow()),
            message);
    }

    [Theory]
    [InlineData("delivered", ReceiptStatus.Delivered)]
    [InlineData("failed", ReceiptStatus.Failed)]
    public async Task ParseAsync_Status_IsAReceiptForThePage(string status, ReceiptStatus expected)
    {
        var result = await ParseAsync($$"""{"type":"status","id":"ev-9","pageId":"pg-1","status":"{{status}}"}""");

        var receipt = Assert.Single(result.Receipts);
        Assert.Empty(result.Messages);
        Assert.Equal("pg-1", receipt.ProviderMessageId);
        Assert.Equal(expected, receipt.Status);
        Assert.False(receipt.Permanent);
        Assert.Equal(_host.Time.GetUtcNow(), receipt.OccurredAt);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("null", "body")]
    [InlineData("""{"id":"in-1"}""", "type")]
    [InlineData("""{"type":"page","id":"in-1"}""", "type")]
    [InlineData("""{"type":"reply","text":"hi","from":"+447400123456"}""", "id")]
    [InlineData("""{"type":"reply","id":"in-1","text":"hi"}""", "from")]
    [InlineData("""{"type":"reply","id":"in-1","from":"+447400123456"}""", "text")]
    [InlineData("""{"type":"reply","id":"in-1","from":447400123456,"text":"hi"}""", "from")]
    [InlineData("""{"type":"status","id":"ev-1","status":"delivered"}""", "pageId")]
    [InlineData("""{"type":"status","id":"ev-1","pageId":"pg-1","status":"lost"}""", "status")]
    public async Task ParseAsync_Malformed_ThrowsNamingTheField(string body, string field)
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(body));

        Assert.Equal(field, exception.Field);
    }

    private Task<InboundVerification> VerifyAsync(InboundRequest request) =>
        _host.VerifyInboundAsync(PagerChannel.Name, request, TestContext.Current.CancellationToken);

    private Task<InboundResult> ParseAsync(string body) =>
        _host.ParseInboundAsync(PagerChannel.Name, TestPages.Webhook(body), TestContext.Current.CancellationToken);
}
