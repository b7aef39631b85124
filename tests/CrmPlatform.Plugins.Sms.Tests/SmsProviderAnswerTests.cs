using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Plugins.Sms.Tests;

/// <summary>How the provider's answers, and its silence, become transient or permanent failures.</summary>
public sealed class SmsProviderAnswerTests : IAsyncLifetime
{
    private FakeSmsProvider _provider = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
    private PluginTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeSmsProvider.StartAsync();
        _host = PluginTestHost.FromManifestFile<SmsPlugin>(options: new PluginTestHostOptions { TimeProvider = _time });
        _host.SetSettings(TestMessages.Settings(_provider.BaseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Throttled_IsTransientWithTheProvidersRetryAfter()
    {
        _provider.Fail(429, 20429, "Too Many Requests", retryAfter: "30");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Contains("429", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task SendAsync_ProviderError_IsTransient(int status)
    {
        _provider.Fail(status);

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Null(result.RetryAfter);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21211, "invalid 'To' phone number")]
    [InlineData(21614, "not a valid mobile number")]
    [InlineData(21610, "unsubscribed")]
    public async Task SendAsync_NumberRefusedByTheProvider_IsPermanentNamingNumberAndCode(int code, string meaning)
    {
        _provider.Fail(400, code, "The message cannot be sent.");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("+447400123456", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"error {code} (", result.Reason, StringComparison.Ordinal);
        Assert.Contains(meaning, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OtherBadRequest_IsPermanent()
    {
        _provider.Fail(400, 21602, "Message body is required.");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("Message body is required.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CredentialsRefused_IsTransientPointingAtTheSettings()
    {
        _provider.Fail(401, 20003, "Authenticate");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("authToken", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ProviderUnreachable_IsTransient()
    {
        var baseUrl = _provider.BaseUrl;
        await _provider.DisposeAsync();
        _provider = await FakeSmsProvider.StartAsync();
        _host.SetSettings(TestMessages.Settings(baseUrl));

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("could not be reached", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryAfterAsADate_IsTheWaitFromNow()
    {
        _provider.Fail(503, retryAfter: "Mon, 23 Nov 2026 09:31:30 GMT");

        var result = await SendAsync(TestMessages.Text("+447400123456", "Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(90), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_ProviderNeverAnswers_IsTransientAfterTheTimeout()
    {
        _provider.Hang();

        var sending = SendAsync(TestMessages.Text("+447400123456", "Hello"));
        await _provider.HangingRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(sending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Equal("The SMS provider did not answer within 10 s.", result.Reason);
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync("sms", message, TestContext.Current.CancellationToken);
}
