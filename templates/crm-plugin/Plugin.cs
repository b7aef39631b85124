using CrmPlatform.Sdk.Plugins;

namespace CrmPlugin1;

/// <summary>
/// The plugin's entry point: the platform creates it, calls <see cref="Configure"/>, and finds the
/// event handlers by scanning this assembly.
/// </summary>
public sealed class Plugin : IPlugin
{
    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        // Register the plugin's own services here (builder.Services), declare settings
        // (builder.UseSettings<TSettings>()) or schedule jobs (builder.AddScheduledJob<TJob>(name, interval)).
    }
}
