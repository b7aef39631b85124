using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>Collects what a plugin declares in <see cref="IPlugin.Configure"/>.</summary>
internal sealed partial class PluginBuilder(PluginManifest manifest) : IPluginBuilder
{
    public PluginManifest Manifest { get; } = manifest;

    public IServiceCollection Services { get; } = new ServiceCollection();

    public Type? SettingsType { get; private set; }

    public List<ScheduledJob> Jobs { get; } = [];

    public IPluginBuilder UseSettings<TSettings>() where TSettings : class, new()
    {
        SettingsType = typeof(TSettings);
        return this;
    }

    public IPluginBuilder AddScheduledJob<TJob>(string name, TimeSpan interval) where TJob : class, IScheduledJob
    {
        if (!JobName().IsMatch(name))
        {
            throw new ArgumentException($"Job name '{name}' must be 1–40 lower-case letters, digits and dashes.", nameof(name));
        }

        if (interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A job runs at most once a second.");
        }

        if (Jobs.Any(j => j.Name == name))
        {
            throw new ArgumentException($"Job '{name}' is declared twice.", nameof(name));
        }

        Jobs.Add(new ScheduledJob(name, interval, typeof(TJob)));
        Services.AddScoped<TJob>();
        return this;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();
}
