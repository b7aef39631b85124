using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmPlatform.Sdk.Testing;

/// <summary>The <see cref="IPluginBuilder"/> a plugin's <see cref="IPlugin.Configure"/> gets, checking what the platform checks.</summary>
internal sealed partial class TestPluginBuilder(PluginManifest manifest) : IPluginBuilder
{
    private readonly List<ScheduledJobRegistration> _jobs = [];

    public PluginManifest Manifest { get; } = manifest;

    public IServiceCollection Services { get; } = new ServiceCollection();

    public ISettingsSlot? Settings { get; private set; }

    public IReadOnlyList<ScheduledJobRegistration> Jobs => _jobs;

    public IPluginBuilder UseSettings<TSettings>()
        where TSettings : class, new()
    {
        if (Settings is not null && Settings.SettingsType != typeof(TSettings))
        {
            throw new InvalidOperationException(
                $"Plugin '{Manifest.Id}' declared settings twice ({Settings.SettingsType.Name} and {typeof(TSettings).Name}); a plugin has one settings type.");
        }

        if (Settings is null)
        {
            var slot = new PluginSettingsSlot<TSettings>();
            Settings = slot;
            Services.AddSingleton<IPluginSettings<TSettings>>(slot);
        }

        return this;
    }

    public IPluginBuilder AddScheduledJob<TJob>(string name, TimeSpan interval)
        where TJob : class, IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!JobName().IsMatch(name))
        {
            throw new ArgumentException($"Job name '{name}' must be lower-case letters, digits and dashes.", nameof(name));
        }

        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"Job '{name}' needs an interval of at least one second.");
        }

        if (_jobs.Any(j => j.Name == name))
        {
            throw new ArgumentException($"Plugin '{Manifest.Id}' already has a job named '{name}'.", nameof(name));
        }

        _jobs.Add(new ScheduledJobRegistration(name, interval, typeof(TJob)));
        Services.TryAddScoped<TJob>();
        return this;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();
}
