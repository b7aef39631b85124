using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Plugins.Catalog;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>What every subscription pump, delivery and job runner of a silo shares.</summary>
public sealed class SubscriptionContext(
    IEventLog log,
    ISubscriptionStore store,
    IPluginCatalogStore catalog,
    IGrainFactory grains,
    IOptions<PluginRuntimeOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    IChannelSender channels,
    IMessageRequester messages)
{
    /// <summary>Sends the messages of channel plugins.</summary>
    public IChannelSender Channels { get; } = channels;

    /// <summary>Where plugins' message requests go.</summary>
    public IMessageRequester Messages { get; } = messages;

    /// <summary>The event log.</summary>
    public IEventLog Log { get; } = log;

    /// <summary>Checkpoints and dead letters.</summary>
    public ISubscriptionStore Store { get; } = store;

    /// <summary>The installed plugins.</summary>
    public IPluginCatalogStore Catalog { get; } = catalog;

    /// <summary>Where plugins' writes go.</summary>
    public IGrainFactory Grains { get; } = grains;

    /// <summary>The runtime's options.</summary>
    public PluginRuntimeOptions Options { get; } = options.Value;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Where workers log.</summary>
    public ILogger Logger { get; } = loggers.CreateLogger("CrmPlatform.Plugins.Workers");
}
