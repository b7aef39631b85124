using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>The entry point: the reports are found by scanning.</summary>
public sealed class ReportsPlugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder) => ArgumentNullException.ThrowIfNull(builder);
}
