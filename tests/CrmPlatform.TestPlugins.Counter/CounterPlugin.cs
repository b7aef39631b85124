using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.TestPlugins.Counter;

/// <summary>The entry point: declares the settings and the sink; the batch handler is found by scanning.</summary>
public sealed class CounterPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<CounterSettings>();
        builder.Services.AddSingleton<CounterSink>();
    }
}
