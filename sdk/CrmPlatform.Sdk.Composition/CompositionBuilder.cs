using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmPlatform.Sdk.Composition;

/// <summary>
/// The <see cref="IPluginBuilder"/> a plugin's <see cref="IPlugin.Configure"/> gets, on the platform
/// and in the test kit: it records the settings type and the jobs, refusing what the platform refuses.
/// Whoever composes registers the settings holder afterwards (the platform's and the test kit's differ).
/// </summary>
internal sealed partial class CompositionBuilder(PluginManifest manifest) : IPluginBuilder
{
    private readonly List<PluginJob> _jobs = [];

    public PluginManifest Manifest { get; } = manifest;

    public IServiceCollection Services { get; } = new ServiceCollection();

    public Type? SettingsType { get; private set; }

    public IReadOnlyList<PluginJob> Jobs => _jobs;

    public IPluginBuilder UseSettings<TSettings>()
        where TSettings : class, new()
    {
        if (SettingsType is not null && SettingsType != typeof(TSettings))
        {
            throw new InvalidOperationException(
                $"Plugin '{Manifest.Id}' declared settings twice ({SettingsType.Name} and {typeof(TSettings).Name}); a plugin has one settings type.");
        }

        SettingsType = typeof(TSettings);
        return this;
    }

    public IPluginBuilder AddScheduledJob<TJob>(string name, TimeSpan interval)
        where TJob : class, IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!JobName().IsMatch(name))
        {
            throw new ArgumentException($"Job name '{name}' must be 1–40 lower-case letters, digits and dashes.", nameof(name));
        }

        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"Job '{name}' needs an interval of at least one second.");
        }

        if (_jobs.Any(j => j.Name == name))
        {
            throw new ArgumentException($"Plugin '{Manifest.Id}' already has a job named '{name}'.", nameof(name));
        }

        _jobs.Add(new PluginJob(name, interval, typeof(TJob)));
        Services.TryAddScoped<TJob>();
        return this;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();
}
