using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Contoso.Crm.Pager.Tests;

public sealed class PagerChannelTests : IAsyncLifetime
{
    private FakePager _pager = null!;
    private PluginTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _pager = await FakePager.StartAsync();
        _host = PluginTestHost.FromManifestFile<PagerPlugin>();
        _host.SetSettings(TestPages.Settings(_pager.BaseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _pager.DisposeAsync();
    }

    [Fact]
    public void Descriptor_IsAPhoneTextChannelOf240CharactersWithProviderIdempotency()
    {
        using var scope = _host.Services.CreateScope();
        var channel = Assert.Single(scope.ServiceProvider.GetServices<IChannel>());

        Assert.Equal(
            new ChannelDescriptor("pager", ChannelAddressKind.Phone, new ChannelCapabilities(false, false, 240, null, true)),
            channel.Descriptor);
    }

    [Fact]
    public async Task SendAsync_Accepted_PostsToAndTextWithBearerKeyAndIdempotencyKey_AndReturnsThePageId()
    {
        var result = await SendAsync(TestPages.Text("Your order has shipped."));

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal("pg-1", result.ProviderMessageId);
        var request = Assert.Single(_pager.Requests);
        Assert.Equal($"Bearer {TestPages.ApiKey}", request.Authorization);
        Assert.Equal("idem-1", request.IdempotencyKey);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            [("to", "+447400123456"), ("text", "Your order has shipped.")],
            request.Body.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Fact]
    public async Task SendAsync_Retried_SendsTheSameIdempotencyKey()
    {
        await SendAsync(TestPages.Text("Hello"));
        await SendAsync(TestPages.Text("Hello") with { Attempt = 2 });

        Assert.Equal(["idem-1", "idem-1"], _pager.Requests.Select(r => r.IdempotencyKey));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task SendAsync_ThrottledOrProviderError_IsTransient(int status)
    {
        _pager.Answer(status, """{"message":"try later"}""");

        var result = await SendAsync(TestPages.Text("Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Equal($"Contoso Pager answered {status}: try later", result.Reason);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_CarriesTheDelay()
    {
        _pager.Answer(429, """{"message":"slow down"}""", retryAfter: "30");

        var result = await SendAsync(TestPages.Text("Hello"));

        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(422)]
    public async Task SendAsync_OtherClientError_IsPermanentWithTheProvidersMessage(int status)
    {
        _pager.Answer(status, """{"message":"number is not a pager"}""");

        var result = await SendAsync(TestPages.Text("Hello"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Equal($"Contoso Pager answered {status}: number is not a pager", result.Reason);
    }

    [Fact]
    public async Task SendAsync_ProviderUnreachable_IsTransient()
    {
        var url = _pager.BaseUrl;
        await _pager.DisposeAsync();
        _pager = await FakePager.StartAsync();
        _host.SetSettings(TestPages.Settings(url));

        var result = await SendAsync(TestPages.Text("Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.StartsWith("Contoso Pager could not be reached", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Template_IsPermanentNamingIt_AndCallsNoOne()
    {
        var result = await SendAsync(TestPages.Text(null, template: "welcome"));

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.Contains("'welcome'", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_pager.Requests);
    }

    [Fact]
    public async Task SendAsync_NoApiKey_IsTransient_AndCallsNoOne()
    {
        _host.SetSettings(new PagerSettings { BaseUrl = _pager.BaseUrl });

        var result = await SendAsync(TestPages.Text("Hello"));

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Contains("apiKey", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_pager.Requests);
    }

    [Fact]
    public void SetSettings_BaseUrlNotAUrl_IsRefused()
    {
        var exception = Assert.Throws<InvalidPluginSettingsException>(() => _host.SetSettingsJson("""{ "baseUrl": "not a url" }"""));

        Assert.StartsWith("BaseUrl", Assert.Single(exception.Errors), StringComparison.OrdinalIgnoreCase);
    }

    private Task<SendResult> SendAsync(OutboundMessage message) =>
        _host.SendAsync(PagerChannel.Name, message, TestContext.Current.CancellationToken);
}
