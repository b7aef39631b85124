using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// The plugin's entry point: declares <see cref="WebhookSettings"/> and the one <see cref="HttpClient"/>
/// every delivery shares. The platform finds <see cref="WebhookDeliveryHandler"/> by scanning.
/// </summary>
public sealed class WebhooksPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<WebhookSettings>();

        // Created by the plugin's container (a factory, not an instance), so the container owns it and
        // disposes it, with its pooled connections, when the plugin is unloaded.
        builder.Services.AddSingleton(_ => WebhookHttp.CreateClient());
    }
}
