using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Plugins;

/// <summary>
/// Subscriptions: a checkpoint per plugin and partition, guarded by the plugin's epoch, and the dead
/// letters. A subscription reads the epoch and writes its checkpoint on every batch: each is one
/// statement on a connection of its own.
/// </summary>
public sealed partial class PluginStore
{
    // Event ids are text on SQLite and uuid on PostgreSQL: they travel as text both ways.
    private const string DeadLetterColumns =
        "plugin_id, CAST(event_id AS text), position, partition, customer_id, event_type, attempts, error, parked_at";

    private string EventIdParameter => database.Pick("@eventId", "CAST(@eventId AS uuid)");

    /// <inheritdoc />
    public async Task<long> ReadCheckpointAsync(string pluginId, int partition, CancellationToken cancellationToken = default) =>
        await ReadScalarAsync<long?>(
            $"SELECT position FROM {_checkpoints} WHERE plugin_id = @pluginId AND partition = @partition", new { pluginId, partition }, cancellationToken) ?? 0;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<int, long>> ReadCheckpointsAsync(string pluginId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(
            $"SELECT partition, position FROM {_checkpoints} WHERE plugin_id = @pluginId",
            new { pluginId },
            r => (Partition: r.SmallNumber(0), Position: r.Number(1)),
            cancellationToken))
        .ToDictionary(c => c.Partition, c => c.Position);

    /// <inheritdoc />
    public async Task<bool> WriteCheckpointAsync(
        string pluginId, int partition, long position, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        // A checkpoint lost to a power cut only means events delivered again (delivery is at least
        // once anyway), so an embedded file need not wait for the disk here.
        await using var connection = await database.OpenForRedoableWritesAsync(cancellationToken);

        // The epoch table admits the write as of the statement's start (a plugin never reset has
        // epoch 0); the row's own epoch, rechecked on its newest version, refuses it when a reset
        // committed since (see the class remarks). Only ever moves the position forward.
        return await SqlDatabase.ExecuteAsync(
            connection,
            null,
            $"""
            INSERT INTO {_checkpoints} (plugin_id, partition, position, epoch)
            SELECT @pluginId, @partition, @position, @expectedEpoch
            WHERE COALESCE((SELECT epoch FROM {_epochs} WHERE plugin_id = @pluginId), 0) = @expectedEpoch
            ON CONFLICT (plugin_id, partition) DO UPDATE SET
                position = CASE WHEN excluded.position > {_checkpoints}.position THEN excluded.position ELSE {_checkpoints}.position END,
                epoch = excluded.epoch
            WHERE {_checkpoints}.epoch <= excluded.epoch
            """,
            new { pluginId, partition, position, expectedEpoch },
            cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<long> ReadEpochAsync(string pluginId, CancellationToken cancellationToken = default) =>
        await ReadScalarAsync<long?>($"SELECT epoch FROM {_epochs} WHERE plugin_id = @pluginId", new { pluginId }, cancellationToken) ?? 0;

    /// <inheritdoc />
    public Task<long> ResetAsync(string pluginId, int partitionCount, long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);

        // Raising the epoch writes its row first, so concurrent resets take turns; the partitions
        // are written in ascending order, as every batch of checkpoint rows is.
        return database.InTransactionAsync(
            async (connection, transaction) => await SqlDatabase.ScalarAsync<long>(
                connection,
                transaction,
                $"""
                INSERT INTO {_epochs} (plugin_id, epoch) VALUES (@pluginId, 1)
                ON CONFLICT (plugin_id) DO UPDATE SET epoch = {_epochs}.epoch + 1;
                WITH RECURSIVE partitions (number) AS (
                    SELECT 0 UNION ALL SELECT number + 1 FROM partitions WHERE number + 1 < @partitionCount
                )
                INSERT INTO {_checkpoints} (plugin_id, partition, position, epoch)
                SELECT @pluginId, number, @position, (SELECT epoch FROM {_epochs} WHERE plugin_id = @pluginId) FROM partitions WHERE true
                ON CONFLICT (plugin_id, partition) DO UPDATE SET position = excluded.position, epoch = excluded.epoch;
                SELECT epoch FROM {_epochs} WHERE plugin_id = @pluginId;
                """,
                new { pluginId, partitionCount, position },
                cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ParkAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return database.ExecuteAsync(
            $"""
            INSERT INTO {_deadLetters} (plugin_id, event_id, position, partition, customer_id, event_type, attempts, error, parked_at)
            VALUES (@PluginId, {EventIdParameter}, @Position, @Partition, @CustomerId, @EventType, @Attempts, @Error, @parkedAt)
            ON CONFLICT (plugin_id, event_id) DO UPDATE SET
                attempts = excluded.attempts, error = excluded.error, parked_at = excluded.parked_at
            """,
            new
            {
                letter.PluginId,
                eventId = letter.EventId.ToString(),
                letter.Position,
                letter.Partition,
                letter.CustomerId,
                letter.EventType,
                letter.Attempts,
                letter.Error,
                parkedAt = database.Time(letter.ParkedAt),
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string pluginId, int maxCount, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"SELECT {DeadLetterColumns} FROM {_deadLetters} WHERE plugin_id = @pluginId ORDER BY position, event_id LIMIT @maxCount",
            new { pluginId, maxCount },
            ReadDeadLetter,
            cancellationToken);

    /// <inheritdoc />
    public Task<DeadLetter?> FindDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default) =>
        ReadFirstAsync(
            $"SELECT {DeadLetterColumns} FROM {_deadLetters} WHERE plugin_id = @pluginId AND event_id = {EventIdParameter}",
            new { pluginId, eventId = eventId.ToString() },
            ReadDeadLetter,
            cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountDeadLettersAsync(string pluginId, CancellationToken cancellationToken = default) =>
        await ReadScalarAsync<int>($"SELECT COUNT(*) FROM {_deadLetters} WHERE plugin_id = @pluginId", new { pluginId }, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RemoveDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            $"DELETE FROM {_deadLetters} WHERE plugin_id = @pluginId AND event_id = {EventIdParameter}",
            new { pluginId, eventId = eventId.ToString() },
            cancellationToken) == 1;

    private static DeadLetter ReadDeadLetter(SqlRow r) => new(
        r.Text(0), Guid.Parse(r.Text(1)), r.Number(2), r.SmallNumber(3), r.Text(4), r.Text(5), r.SmallNumber(6), r.Text(7), r.Time(8));
}
