using CrmPlatform.Sdk.Testing;

namespace CrmPlatform.Plugins.WebChat.Tests;

public sealed class WebChatStartTests : IAsyncLifetime
{
    private readonly PluginTestHost _host = PluginTestHost.FromManifestFile<WebChatPlugin>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host.SetSettings(WidgetRequests.Settings());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Start_Anonymous_IssuesANewVisitorIdWithAToken()
    {
        var request = WidgetRequests.Json(new { type = "start" });

        var verification = await _host.VerifyInboundAsync("webchat", request, Cancel);
        var first = WidgetRequests.Started(await _host.ParseInboundAsync("webchat", request, Cancel));
        var second = WidgetRequests.Started(await _host.ParseInboundAsync("webchat", request, Cancel));

        Assert.True(verification.IsGenuine, verification.Reason);
        Assert.Matches("^v-[0-9a-f]{32}$", first.VisitorId);
        Assert.StartsWith(first.VisitorId + ".", first.Token, StringComparison.Ordinal);
        Assert.NotEqual(first.VisitorId, second.VisitorId);
    }

    [Fact]
    public async Task Start_IdentifySignedByTheSite_IssuesTheSameIdForTheEmailEveryTime()
    {
        var request = WidgetRequests.Json(new { type = "start", email = "Ada@Example.com", signature = WidgetRequests.SiteSignature("ada@example.com") });

        var verification = await _host.VerifyInboundAsync("webchat", request, Cancel);
        var first = WidgetRequests.Started(await _host.ParseInboundAsync("webchat", request, Cancel));
        var second = WidgetRequests.Started(await _host.ParseInboundAsync("webchat", WidgetRequests.Json(new { type = "start", email = "ada@example.com" }), Cancel));

        Assert.True(verification.IsGenuine, verification.Reason);
        Assert.Matches("^u-[0-9a-f]{32}$", first.VisitorId);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(null, "has no signature")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "does not match")]
    public async Task Start_IdentifyWithoutTheSitesSignature_IsRejected(string? signature, string reason)
    {
        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "start", email = "ada@example.com", signature }), Cancel);

        Assert.False(verification.IsGenuine);
        Assert.Contains(reason, verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_IdentifySignedWithAnotherSecret_IsRejected()
    {
        var signature = WidgetRequests.SiteSignature("ada@example.com", "some-other-sites-identity-secret");

        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "start", email = "ada@example.com", signature }), Cancel);

        Assert.False(verification.IsGenuine);
    }

    [Fact]
    public async Task Start_UnsignedIdentifyWhenAllowed_IsGenuine()
    {
        var settings = WidgetRequests.Settings();
        settings.IdentitySecret = null;
        settings.AllowUnsignedIdentify = true;
        _host.SetSettings(settings);

        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "start", email = "ada@example.com" }), Cancel);

        Assert.True(verification.IsGenuine, verification.Reason);
    }

    [Fact]
    public async Task Verify_NoTokenSecretConfigured_RejectsEveryRequest()
    {
        _host.SetSettings(new WebChatSettings());

        var verification = await _host.VerifyInboundAsync("webchat", WidgetRequests.Json(new { type = "start" }), Cancel);

        Assert.False(verification.IsGenuine);
        Assert.Contains("no token secret", verification.Reason, StringComparison.Ordinal);
    }
}
