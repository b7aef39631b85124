using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.TestPlugins.Misbehaving;

/// <summary>The entry point: declares the settings; the handler is found by scanning.</summary>
public sealed class MisbehavingPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<MisbehavingSettings>();
        builder.Services.AddSingleton<Misbehavior>();
    }
}
