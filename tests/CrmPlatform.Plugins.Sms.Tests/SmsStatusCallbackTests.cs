using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Sms.Tests;

/// <summary>The provider's status callbacks as delivery receipts.</summary>
public sealed class SmsStatusCallbackTests : IAsyncLifetime
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
    public async Task ParseInboundAsync_DeliveredCallback_IsADeliveredReceipt()
    {
        var result = await ParseAsync(SignedWebhook.Status("delivered"));

        Assert.Empty(result.Messages);
        Assert.Equal([new DeliveryReceipt("SM22222222222222222222222222222222", ReceiptStatus.Delivered, false, null, Now)], result.Receipts);
        Assert.Null(result.Response);
    }

    [Theory]
    [InlineData("undelivered", "30003", "unreachable destination handset")]
    [InlineData("undelivered", "30005", "unknown destination handset")]
    [InlineData("failed", "30006", "landline or unreachable carrier")]
    public async Task ParseInboundAsync_UnreachableNumber_IsAPermanentBounce(string status, string code, string meaning)
    {
        var result = await ParseAsync(SignedWebhook.Status(status, code));

        var receipt = Assert.Single(result.Receipts);
        Assert.Equal(ReceiptStatus.Bounced, receipt.Status);
        Assert.True(receipt.Permanent);
        Assert.Equal($"{status}: error {code} ({meaning})", receipt.Reason);
    }

    [Theory]
    [InlineData("undelivered", "30007", "undelivered: error 30007 (message filtered by the carrier)")]
    [InlineData("failed", "30008", "failed: error 30008 (unknown error)")]
    [InlineData("failed", null, "failed")]
    public async Task ParseInboundAsync_OtherFailure_IsANonPermanentFailure(string status, string? code, string reason)
    {
        var result = await ParseAsync(SignedWebhook.Status(status, code));

        Assert.Equal([new DeliveryReceipt("SM22222222222222222222222222222222", ReceiptStatus.Failed, false, reason, Now)], result.Receipts);
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("sending")]
    [InlineData("sent")]
    [InlineData("accepted")]
    public async Task ParseInboundAsync_ProgressCallback_IsNoReceipt(string status)
    {
        var result = await ParseAsync(SignedWebhook.Status(status));

        Assert.Empty(result.Receipts);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public async Task ParseInboundAsync_ReceiptWithNonNumericErrorCode_NamesErrorCode()
    {
        var exception = await Assert.ThrowsAsync<InboundFormatException>(() => ParseAsync(SignedWebhook.Status("failed", "thirty")));

        Assert.Equal("ErrorCode", exception.Field);
    }

    private Task<InboundResult> ParseAsync(IReadOnlyList<KeyValuePair<string, string>> form) =>
        _host.ParseInboundAsync("sms", SignedWebhook.Create(form), TestContext.Current.CancellationToken);
}
