using CrmPlatform.Host.Plugins;
using CrmPlatform.Sdk.Channels;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// Calls the <see cref="ILiveChannel"/> of a running channel plugin: its public assets and the
/// authorisation of a live stream. Each call runs in the plugin's sandbox (its timeout and circuit
/// breaker) in a DI scope of its own, like the inbound route's calls.
/// </summary>
public sealed class LiveChannels(ChannelDirectory channels, IOptions<PluginRuntimeOptions> runtime)
{
    /// <summary>The asset (null when the channel has none of that name).</summary>
    public Task<LiveCall<InboundResponse?>> GetAssetAsync(string channel, string name, CancellationToken cancellationToken) =>
        CallAsync(channel, "asset", (live, t) => live.GetAssetAsync(name, t), cancellationToken);

    /// <summary>Whether the request may follow an identity of the channel.</summary>
    public Task<LiveCall<LiveAuthorization>> AuthorizeAsync(string channel, InboundRequest request, CancellationToken cancellationToken) =>
        CallAsync(channel, "live authorisation", (live, t) => live.AuthorizeLiveAsync(request, t), cancellationToken);

    private async Task<LiveCall<T>> CallAsync<T>(
        string channel, string what, Func<ILiveChannel, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (channels.InboundOf(channel) is not { } slot)
        {
            return new LiveCall<T>(false, null, default);
        }

        if (await slot.AcquireAsync(cancellationToken) is not { } plugin)
        {
            return new LiveCall<T>(true, $"Channel '{channel}' is not running.", default);
        }

        try
        {
            return await slot.Sandbox.RunAsync(
                what,
                async t =>
                {
                    var scope = plugin.CreateScope();
                    await using (scope.ConfigureAwait(false))
                    {
                        var live = scope.ServiceProvider.GetServices<IChannelInbound>().OfType<ILiveChannel>().FirstOrDefault(c => c.ChannelName == channel);
                        return live is null ? new LiveCall<T>(false, null, default) : new LiveCall<T>(true, null, await call(live, t));
                    }
                },
                runtime.Value.DeliveryTimeout,
                cancellationToken,
                Plugins.Sandbox.SandboxLane.Inbound);
        }
        catch (Exception ex) when (ex is Plugins.Sandbox.PluginUnavailableException or Plugins.Sandbox.PluginTimeoutException)
        {
            return new LiveCall<T>(true, ex.Message, default);
        }
        finally
        {
            plugin.Release();
        }
    }
}
