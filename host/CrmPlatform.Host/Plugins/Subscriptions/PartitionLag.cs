namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>One partition of a subscription.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Checkpoint">The last position handled.</param>
/// <param name="EventsBehind">Events after the checkpoint.</param>
/// <param name="OldestUndeliveredAt">When the first of them was recorded.</param>
public sealed record PartitionLag(int Partition, long Checkpoint, long EventsBehind, DateTimeOffset? OldestUndeliveredAt);
