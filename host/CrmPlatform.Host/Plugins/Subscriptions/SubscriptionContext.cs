using CrmPlatform.Grains.EventLog;

namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>What every subscription pump of a silo shares.</summary>
internal sealed record SubscriptionContext(
    IEventLog Log,
    ISubscriptionStore Store,
    IGrainFactory Grains,
    PluginRuntimeOptions Options,
    TimeProvider Time,
    ILogger Logger);
