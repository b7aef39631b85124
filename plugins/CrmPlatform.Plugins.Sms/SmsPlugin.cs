using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// The plugin's entry point: declares <see cref="SmsSettings"/>, the one <see cref="HttpClient"/> and
/// the <see cref="ISmsProvider"/>. The platform finds <see cref="SmsChannel"/> and <see cref="SmsInbound"/> by scanning.
/// </summary>
public sealed class SmsPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<SmsSettings>();

        // Created by the plugin's container (a factory, not an instance), so the container owns it and
        // disposes it, with its pooled connections, when the plugin is unloaded.
        builder.Services.AddSingleton(_ => SmsHttp.CreateClient());
        builder.Services.AddSingleton<ISmsProvider, TwilioSmsProvider>();
    }
}
