using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Contoso.Crm.Pager;

/// <summary>
/// The plugin's entry point: declares <see cref="PagerSettings"/> and the one <see cref="HttpClient"/>.
/// The platform finds <see cref="PagerChannel"/> (an <c>IChannel</c>) and <see cref="PagerInbound"/>
/// (an <c>IChannelInbound</c>) by scanning the assembly; nothing else needs registering.
/// </summary>
public sealed class PagerPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<PagerSettings>();

        // Registered as a factory, so the plugin's container owns the client and disposes it (and its
        // pooled connections) when the plugin is unloaded. Connections are recycled every two minutes
        // so DNS changes are seen; one attempt per send, the platform retries failures with backoff.
        builder.Services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        });
    }
}
