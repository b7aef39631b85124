namespace CrmPlatform.Sdk.Plugins;

/// <summary>
/// A plugin's entry point. The platform creates it once per load, calls <see cref="Configure"/>, and
/// finds the plugin's event handlers, command hooks and jobs in its assemblies by scanning, so a
/// plugin with no services of its own can leave <see cref="Configure"/> empty.
/// </summary>
public interface IPlugin
{
    /// <summary>Registers the plugin's services, settings and scheduled jobs.</summary>
    /// <param name="builder">Collects the plugin's parts; used only during this call.</param>
    void Configure(IPluginBuilder builder);
}
