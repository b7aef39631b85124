namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>
/// Where each plugin's subscription keeps its progress: one checkpoint per partition of the event
/// log, and the events it parked as dead letters. Shared by every silo.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>The last position the plugin handled in a partition; 0 when it has handled none.</summary>
    Task<long> ReadCheckpointAsync(string pluginId, int partition, CancellationToken cancellationToken = default);

    /// <summary>Every stored checkpoint of a plugin, by partition.</summary>
    Task<IReadOnlyDictionary<int, long>> ReadCheckpointsAsync(string pluginId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records progress. Only moves the checkpoint forward, unless <paramref name="expectedEpoch"/>
    /// differs from the stored epoch (see <see cref="ResetAsync"/>), in which case nothing is written
    /// and false is returned: a reset happened, and the writer must reload.
    /// </summary>
    Task<bool> WriteCheckpointAsync(string pluginId, int partition, long position, long expectedEpoch, CancellationToken cancellationToken = default);

    /// <summary>The epoch of a plugin's checkpoints: 0 until the first reset, then raised by each.</summary>
    Task<long> ReadEpochAsync(string pluginId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets every partition's checkpoint of the plugin to <paramref name="position"/> (for replays,
    /// which may move backwards) and raises the plugin's epoch, so that a follower still holding the
    /// old epoch cannot move a checkpoint past the reset. Returns the new epoch.
    /// </summary>
    Task<long> ResetAsync(string pluginId, int partitionCount, long position, CancellationToken cancellationToken = default);

    /// <summary>Parks an event; parking the same event of the same plugin again updates the row (attempts, error, time).</summary>
    Task ParkAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    /// <summary>A plugin's dead letters, oldest event first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string pluginId, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>One dead letter, or null.</summary>
    Task<DeadLetter?> FindDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>How many dead letters a plugin has.</summary>
    Task<int> CountDeadLettersAsync(string pluginId, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter (delivered on retry, or discarded); false when there was none.</summary>
    Task<bool> RemoveDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default);
}
