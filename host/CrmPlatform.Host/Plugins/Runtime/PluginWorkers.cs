using System.Globalization;
using CrmPlatform.Grains.Plugins;
using CrmPlatform.Host.Plugins.Jobs;
using CrmPlatform.Host.Plugins.Subscriptions;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>Starts, on this silo, the plugin work a worker grain's key names.</summary>
public sealed class PluginWorkers(PluginRegistry registry, SubscriptionContext context) : IPluginWorkerHost
{
    /// <inheritdoc />
    public IPluginWorker? Start(string workerKey)
    {
        if (!PluginWorkerKeys.TryParse(workerKey, out var kind, out var pluginId, out var part)
            || registry.Find(pluginId) is not { IsActive: true } slot
            || slot.Current is not { } plugin)
        {
            return null;
        }

        return kind switch
        {
            "sub" when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) && partition < context.Log.PartitionCount
                && plugin.Manifest.Events.Count > 0 =>
                new SubscriptionPump(slot, partition, context),
            "job" when plugin.Jobs.Any(j => j.Name == part) =>
                new JobRunner(slot, part, context),
            _ => null,
        };
    }

}
