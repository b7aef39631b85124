using CrmPlatform.Grains.Snapshots;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// Snapshots: a cache of the state that spares an activation most of the replay. The log stays the
/// truth — a snapshot that cannot be read, is of another schema or claims more events than the log
/// holds is ignored and the stream is replayed from its start; a snapshot that cannot be saved is
/// logged and never fails the command.
/// </summary>
public sealed partial class CustomerGrain
{
    private bool SnapshotsOn => snapshotOptions.Value.EveryEvents > 0;

    /// <summary>The customer's snapshot if it can be trusted, else null (replay from the start).</summary>
    private async Task<(CustomerStateSnapshot Data, CustomerState State)?> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        if (!SnapshotsOn)
        {
            return null;
        }

        CustomerSnapshot? snapshot;
        try
        {
            snapshot = await snapshots.LoadAsync(Id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotNotLoaded(logger, Id, e);
            return null;
        }

        if (snapshot is null)
        {
            return null;
        }

        if (snapshot.SchemaVersion != CustomerSnapshotJson.SchemaVersion)
        {
            LogSnapshotOfOtherSchema(logger, Id, snapshot.SchemaVersion, CustomerSnapshotJson.SchemaVersion);
            return null;
        }

        // A snapshot can only be of events the log holds; one ahead of it (the log was restored from
        // an older backup, say) would hide the truth and make the next append collide.
        var newest = await log.ReadStreamBackwardAsync(Id, long.MaxValue, 1, cancellationToken);
        var head = newest.Count == 0 ? 0 : newest[0].Sequence;
        if (snapshot.Version > head)
        {
            LogSnapshotAheadOfLog(logger, Id, snapshot.Version, head);
            return null;
        }

        try
        {
            var data = CustomerSnapshotJson.Read(snapshot);
            return (data, CustomerState.FromSnapshot(data));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotNotLoaded(logger, Id, e);
            return null;
        }
    }

    /// <summary>Saves a snapshot of the current state; a failure is logged and retried after the next <see cref="SnapshotOptions.EveryEvents"/> events.</summary>
    private async Task SaveSnapshotAsync()
    {
        var version = _state.Version;
        try
        {
            var (keys, complete) = _handledKeys.ForSnapshot(SnapshotIdempotencyKeys);
            var state = _state.ToSnapshot() with { IdempotencyKeys = keys, IdempotencyKeysComplete = complete };
            await snapshots.SaveAsync(Id, CustomerSnapshotJson.Create(state));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotNotSaved(logger, Id, version, e);
        }

        _snapshotVersion = version;
    }

    /// <summary>
    /// The sequences the command with this idempotency key wrote, or null when the key is new. When
    /// the activation started from a snapshot that left older keys out and the key is not among the
    /// ones it kept, the customer's stream is read from its start up to the snapshot to find it — at
    /// most once per activation, since all of the stream's keys are then known.
    /// </summary>
    private async Task<(long First, long Last)?> FindHandledKeyAsync(string key)
    {
        if (_handledKeys.TryGet(key, out var range))
        {
            return range;
        }

        if (_handledKeys.IncompleteUpTo is null)
        {
            return null;
        }

        LogScanningForOlderKeys(logger, Id, _handledKeys.IncompleteUpTo.Value);
        await _handledKeys.AddOlderAsync(log.ReadStreamAsync(Id, 1));
        return _handledKeys.TryGet(key, out range) ? range : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the snapshot could not be read; replaying the stream from its start")]
    private static partial void LogSnapshotNotLoaded(ILogger logger, string customerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: ignoring a snapshot of schema version {SchemaVersion} (current {Current}); replaying the stream from its start")]
    private static partial void LogSnapshotOfOtherSchema(ILogger logger, string customerId, int schemaVersion, int current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: ignoring a snapshot of version {Version}, ahead of the log's {Head}; replaying the stream from its start")]
    private static partial void LogSnapshotAheadOfLog(ILogger logger, string customerId, long version, long head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId}: the snapshot of version {Version} could not be saved; the log still holds everything")]
    private static partial void LogSnapshotNotSaved(ILogger logger, string customerId, long version, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer {CustomerId}: reading the stream up to {Version} for an idempotency key older than the snapshot kept")]
    private static partial void LogScanningForOlderKeys(ILogger logger, string customerId, long version);
}
