using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.WebChat.Tests;

public sealed class WebChatLiveTests : IAsyncLifetime
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
    public async Task GetAssetAsync_WidgetJs_IsTheScriptThatDefinesCrmChat()
    {
        var asset = await CallAsync(c => c.GetAssetAsync("widget.js", Cancel));

        Assert.NotNull(asset);
        Assert.Equal(200, asset.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", asset.ContentType);
        Assert.Contains("window.CrmChat = { identify: identify, send: send, reset: reset };", asset.Body, StringComparison.Ordinal);
        Assert.Contains("new EventSource(", asset.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.js")]
    [InlineData("../plugin.json")]
    [InlineData("WIDGET.JS")]
    public async Task GetAssetAsync_AnyOtherName_IsNull(string name) =>
        Assert.Null(await CallAsync(c => c.GetAssetAsync(name, Cancel)));

    [Fact]
    public async Task AuthorizeLiveAsync_TokenTheChannelIssued_FollowsItsVisitor()
    {
        var (visitor, token) = WidgetRequests.Started(await _host.ParseInboundAsync("webchat", WidgetRequests.Json(new { type = "start" }), Cancel));

        var authorization = await CallAsync(c => c.AuthorizeLiveAsync(WidgetRequests.Live(token), Cancel));

        Assert.True(authorization.IsAllowed);
        Assert.Equal(visitor, authorization.Identity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("v-00000000000000000000000000000000.AAAA")]
    public async Task AuthorizeLiveAsync_NoOrForgedToken_IsRefused(string? token)
    {
        var authorization = await CallAsync(c => c.AuthorizeLiveAsync(WidgetRequests.Live(token), Cancel));

        Assert.False(authorization.IsAllowed);
        Assert.Null(authorization.Identity);
        Assert.NotNull(authorization.Reason);
    }

    private async Task<T> CallAsync<T>(Func<ILiveChannel, Task<T>> call)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var live = Assert.IsType<WebChatInbound>(Assert.Single(scope.ServiceProvider.GetServices<IChannelInbound>()));
        return await call(live);
    }
}
