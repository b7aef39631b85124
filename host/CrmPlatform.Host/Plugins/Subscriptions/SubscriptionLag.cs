namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>How far a plugin's subscription is behind the log.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="EventsBehind">Events written and not yet delivered (across partitions, subscribed or not).</param>
/// <param name="OldestUndeliveredAgeSeconds">Age of the oldest event not yet delivered; 0 when none.</param>
/// <param name="DeadLetters">Events parked after failing.</param>
/// <param name="Partitions">The same per partition.</param>
public sealed record SubscriptionLag(string PluginId, long EventsBehind, double OldestUndeliveredAgeSeconds, int DeadLetters, IReadOnlyList<PartitionLag> Partitions);
