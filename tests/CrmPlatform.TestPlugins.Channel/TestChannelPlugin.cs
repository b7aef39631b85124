using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.TestPlugins.Channel;

/// <summary>The channel's entry point: settings only; the channel and its inbound part are found by scanning.</summary>
public sealed class TestChannelPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<TestChannelSettings>();
    }
}
