using CrmPlatform.Grains.Hooks;
using CrmPlatform.Grains.Plugins;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Hooks;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Plugins;

/// <summary>Registers the plugin runtime: its store, loading, the per-silo registry, hooks, workers, installer and heartbeat.</summary>
public static class PluginRuntimeServices
{
    /// <summary>Adds the plugin runtime, with its store in the configured storage.</summary>
    public static IServiceCollection AddPluginRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginRuntimeOptions>()
            .Bind(configuration.GetSection(PluginRuntimeOptions.SectionName))
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, $"{PluginRuntimeOptions.SectionName}:MaxAttempts must be from 1 to 100.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, $"{PluginRuntimeOptions.SectionName}:BatchSize must be from 1 to 10000.")
            .Validate(o => o.HookTimeout > TimeSpan.Zero && o.DeliveryTimeout > TimeSpan.Zero, "Plugin time budgets must be positive.")
            .ValidateOnStart();
        // One store behind the three ports, so that uninstalling removes everything of a plugin at once.
        services.AddStore(PluginStore.Schema, (database, _) => new PluginStore(database));
        services.AddSingleton<IPluginCatalogStore>(sp => sp.GetRequiredService<PluginStore>());
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<PluginStore>());
        services.AddSingleton<IPluginStateStore>(sp => sp.GetRequiredService<PluginStore>());
        services.AddSingleton<PluginComposer>();
        services.AddSingleton<PluginRegistry>();
        services.AddSingleton<PluginInstaller>();
        services.AddSingleton<SubscriptionContext>();
        services.AddSingleton<PluginWorkers>();
        services.AddSingleton<IPluginWorkerHost>(sp => sp.GetRequiredService<PluginWorkers>());
        services.AddSingleton<SubscriptionAdmin>();
        services.AddSingleton<ICommandHookRunner, PluginCommandHooks>();
        services.AddHostedService<PluginHost>();
        return services;
    }
}
