using CrmPlatform.Sdk.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Sdk.Plugins;

/// <summary>Collects the parts of a plugin while it is configured.</summary>
public interface IPluginBuilder
{
    /// <summary>The plugin's manifest.</summary>
    PluginManifest Manifest { get; }

    /// <summary>
    /// The plugin's own services. They live in a container of the plugin's own, built after
    /// <see cref="IPlugin.Configure"/>, which also offers <c>ILogger&lt;T&gt;</c>, <c>TimeProvider</c>,
    /// <see cref="State.IPluginState"/> and, once declared, <see cref="Settings.IPluginSettings{TSettings}"/>.
    /// </summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Declares the plugin's settings type. Administrators change settings through the API; each
    /// change is validated against the type (its properties and their data annotations) before it
    /// is stored. Properties marked <see cref="Settings.SecretAttribute"/> are never returned or logged.
    /// </summary>
    /// <typeparam name="TSettings">A class with a public parameterless constructor and settable properties.</typeparam>
    IPluginBuilder UseSettings<TSettings>() where TSettings : class, new();

    /// <summary>Runs a job on a schedule, on one silo of the cluster at a time.</summary>
    /// <typeparam name="TJob">The job; resolved from the plugin's container for every run.</typeparam>
    /// <param name="name">Names the job within the plugin: lower-case letters, digits and dashes.</param>
    /// <param name="interval">Time between the end of one run and the start of the next; at least one second.</param>
    IPluginBuilder AddScheduledJob<TJob>(string name, TimeSpan interval) where TJob : class, IScheduledJob;
}
