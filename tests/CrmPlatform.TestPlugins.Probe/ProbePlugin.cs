using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>
/// The probe's entry point: settings, the recorder every part writes through, and a job that runs
/// every second. Its handlers and its hook are found by scanning.
/// </summary>
public sealed class ProbePlugin : IPlugin
{
    /// <summary>The name of the probe's scheduled job.</summary>
    public const string JobName = "probe-tick";

    /// <inheritdoc />
    public void Configure(IPluginBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSettings<ProbeSettings>();
        builder.Services.AddSingleton<ProbeRecorder>();
        builder.AddScheduledJob<ProbeJob>(JobName, TimeSpan.FromSeconds(1));
    }
}
