using System.Globalization;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Plugins;
using CrmPlatform.Host.Plugins.Jobs;
using CrmPlatform.Host.Plugins.Subscriptions;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>Starts, on this silo, the plugin work a worker grain's key names.</summary>
public sealed class PluginWorkers(
    PluginRegistry registry,
    IEventLog log,
    ISubscriptionStore store,
    IGrainFactory grains,
    IOptions<PluginRuntimeOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IPluginWorkerHost
{
    private readonly ILogger _logger = loggers.CreateLogger("CrmPlatform.Plugins.Workers");

    /// <inheritdoc />
    public IPluginWorker? Start(string workerKey)
    {
        if (!PluginWorkerKeys.TryParse(workerKey, out var kind, out var pluginId, out var part)
            || registry.Find(pluginId) is not { IsActive: true } slot)
        {
            return null;
        }

        return kind switch
        {
            "sub" when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) && partition < log.PartitionCount
                && slot.Current!.Manifest.Events.Count > 0 =>
                new SubscriptionPump(slot, partition, Context()),
            "job" when slot.Current!.Jobs.Any(j => j.Name == part) =>
                new JobRunner(slot, part, grains, options.Value, time, _logger),
            _ => null,
        };
    }

    internal SubscriptionContext Context() => new(log, store, grains, options.Value, time, _logger);
}
