using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;

namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>What administrators do with a plugin's subscription: see its lag, replay it, and retry or discard its dead letters.</summary>
public sealed class SubscriptionAdmin(IEventLog log, ISubscriptionStore store, PluginRegistry registry, SubscriptionContext context, TimeProvider time)
{
    /// <summary>How far behind the log the plugin is, per partition and in total.</summary>
    public async Task<SubscriptionLag> GetLagAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        var checkpoints = await store.ReadCheckpointsAsync(pluginId, cancellationToken);
        var now = time.GetUtcNow();
        var partitions = new List<PartitionLag>();
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            var checkpoint = checkpoints.GetValueOrDefault(partition);
            var behind = await log.CountAfterAsync(partition, checkpoint, cancellationToken);
            DateTimeOffset? oldest = null;
            if (behind > 0 && await log.ReadAllAsync(partition, checkpoint, 1, cancellationToken) is [var first, ..])
            {
                oldest = first.RecordedAt;
            }

            partitions.Add(new PartitionLag(partition, checkpoint, behind, oldest));
        }

        var oldestOverall = partitions.Where(p => p.OldestUndeliveredAt is not null).Select(p => p.OldestUndeliveredAt!.Value).DefaultIfEmpty().Min();
        return new SubscriptionLag(
            pluginId,
            partitions.Sum(p => p.EventsBehind),
            partitions.Any(p => p.OldestUndeliveredAt is not null) ? (now - oldestOverall).TotalSeconds : 0,
            await store.CountDeadLettersAsync(pluginId, cancellationToken),
            partitions);
    }

    /// <summary>
    /// Replays the subscription from the beginning of the log (<paramref name="from"/> null) or from
    /// the first event recorded at or after a time. Never skips an undelivered event: a replay from a
    /// time later than where a lagging partition stands starts every partition at that partition's
    /// checkpoint (the others see some events again).
    /// </summary>
    public async Task<long> ReplayAsync(string pluginId, DateTimeOffset? from, CancellationToken cancellationToken = default)
    {
        var position = from is { } at ? await PositionBeforeAsync(at, cancellationToken) : 0;
        var checkpoints = await store.ReadCheckpointsAsync(pluginId, cancellationToken);
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            // A partition with undelivered events before the replay's start holds the start back to its checkpoint.
            var checkpoint = checkpoints.GetValueOrDefault(partition);
            if (checkpoint < position && await log.ReadAllAsync(partition, checkpoint, 1, cancellationToken) is [var next, ..] && next.Position <= position)
            {
                position = checkpoint;
            }
        }

        await store.ResetAsync(pluginId, log.PartitionCount, position, cancellationToken);
        return position;
    }

    /// <summary>Delivers a dead letter once more; removes it when that works. Null when delivered, else the failure.</summary>
    public async Task<string?> RetryDeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var events = await log.ReadAllAsync(letter.Partition, letter.Position - 1, 1, cancellationToken);
        if (events is not [var envelope, ..] || envelope.EventId != letter.EventId)
        {
            return "The event is no longer in the log.";
        }

        if (registry.Find(letter.PluginId) is not { } slot)
        {
            throw new PluginNotInstalledException($"Plugin '{letter.PluginId}' is not installed.");
        }

        var failure = await new EventDelivery(slot, letter.Partition, context)
            .RedeliverAsync(envelope, letter.Attempts + 1, cancellationToken);
        if (failure is null)
        {
            await store.RemoveDeadLetterAsync(letter.PluginId, letter.EventId, cancellationToken);
            return null;
        }

        if (failure is not PluginUnavailableException)
        {
            await store.ParkAsync(letter with { Attempts = letter.Attempts + 1, Error = EventDelivery.Describe(failure), ParkedAt = time.GetUtcNow() }, cancellationToken);
        }

        return EventDelivery.Describe(failure);
    }

    /// <summary>The greatest position whose next event was recorded at or after <paramref name="at"/> (binary search; the log is in recording order).</summary>
    private async Task<long> PositionBeforeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        long low = 0, high = await log.GetHeadPositionAsync(cancellationToken);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var next = await log.ReadAllAsync(null, middle, 1, cancellationToken);
            if (next is [var e, ..] && e.RecordedAt < at)
            {
                low = e.Position;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
