using CrmPlatform.Host.Plugins.Subscriptions;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// Subscriptions: a checkpoint per plugin and partition, guarded by the plugin's epoch, and the
/// dead letters. SQLite runs one write at a time, so each conditional statement below is atomic.
/// </summary>
public sealed partial class SqlitePluginStore
{
    private const string DeadLetterColumns = "plugin_id, event_id, position, partition, customer_id, event_type, attempts, error, parked_at";

    /// <inheritdoc />
    public async Task<long> ReadCheckpointAsync(string pluginId, int partition, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(
            connection, null, "SELECT position FROM plugin_checkpoints WHERE plugin_id = $plugin AND partition = $partition", pluginId);
        command.Parameters.AddWithValue("$partition", partition);
        return (long?)await command.ExecuteScalarAsync(cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<int, long>> ReadCheckpointsAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT partition, position FROM plugin_checkpoints WHERE plugin_id = $plugin", pluginId);
        var checkpoints = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return checkpoints;
    }

    /// <inheritdoc />
    public async Task<bool> WriteCheckpointAsync(
        string pluginId, int partition, long position, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        // Without an fsync of its own: a checkpoint lost to a power cut only means events delivered
        // again (delivery is at least once anyway), and the subscriptions stay off the disk's queue.
        await using var connection = await _connections.OpenForWritesAsync(durable: false, cancellationToken);

        // Writes a row (changing it or not) exactly when the epoch matches; a plugin never reset has epoch 0.
        await using var command = Command(
            connection,
            null,
            """
            INSERT INTO plugin_checkpoints (plugin_id, partition, position)
            SELECT $plugin, $partition, $position
            WHERE COALESCE((SELECT epoch FROM plugin_epochs WHERE plugin_id = $plugin), 0) = $epoch
            ON CONFLICT (plugin_id, partition) DO UPDATE SET position = max(position, excluded.position)
            """,
            pluginId);
        command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$position", position);
        command.Parameters.AddWithValue("$epoch", expectedEpoch);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<long> ReadEpochAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT epoch FROM plugin_epochs WHERE plugin_id = $plugin", pluginId);
        return (long?)await command.ExecuteScalarAsync(cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<long> ResetAsync(string pluginId, int partitionCount, long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var transaction = connection.BeginTransaction();
        long epoch;
        await using (var raise = Command(
            connection,
            transaction,
            """
            INSERT INTO plugin_epochs (plugin_id, epoch) VALUES ($plugin, 1)
            ON CONFLICT (plugin_id) DO UPDATE SET epoch = epoch + 1
            RETURNING epoch
            """,
            pluginId))
        {
            epoch = (long)(await raise.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var set = Command(
            connection,
            transaction,
            """
            INSERT INTO plugin_checkpoints (plugin_id, partition, position) VALUES ($plugin, $partition, $position)
            ON CONFLICT (plugin_id, partition) DO UPDATE SET position = excluded.position
            """,
            pluginId);
        var partitionParameter = set.Parameters.Add("$partition", SqliteType.Integer);
        set.Parameters.AddWithValue("$position", position);
        for (var partition = 0; partition < partitionCount; partition++)
        {
            partitionParameter.Value = partition;
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return epoch;
    }

    /// <inheritdoc />
    public async Task ParkAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(
            connection,
            null,
            $"""
            INSERT INTO plugin_dead_letters ({DeadLetterColumns})
            VALUES ($plugin, $event, $position, $partition, $customer, $type, $attempts, $error, $parked)
            ON CONFLICT (plugin_id, event_id) DO UPDATE SET
                attempts = excluded.attempts, error = excluded.error, parked_at = excluded.parked_at
            """,
            letter.PluginId);
        command.Parameters.AddWithValue("$event", letter.EventId.ToString());
        command.Parameters.AddWithValue("$position", letter.Position);
        command.Parameters.AddWithValue("$partition", letter.Partition);
        command.Parameters.AddWithValue("$customer", letter.CustomerId);
        command.Parameters.AddWithValue("$type", letter.EventType);
        command.Parameters.AddWithValue("$attempts", letter.Attempts);
        command.Parameters.AddWithValue("$error", letter.Error);
        command.Parameters.AddWithValue("$parked", EventRows.FormatTime(letter.ParkedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string pluginId, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            $"SELECT {DeadLetterColumns} FROM plugin_dead_letters WHERE plugin_id = $plugin ORDER BY position, event_id LIMIT $max",
            pluginId);
        command.Parameters.AddWithValue("$max", maxCount);
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(ReadDeadLetter(reader));
        }

        return letters;
    }

    /// <inheritdoc />
    public async Task<DeadLetter?> FindDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(
            connection, null, $"SELECT {DeadLetterColumns} FROM plugin_dead_letters WHERE plugin_id = $plugin AND event_id = $event", pluginId);
        command.Parameters.AddWithValue("$event", eventId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeadLetter(reader) : null;
    }

    /// <inheritdoc />
    public async Task<int> CountDeadLettersAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM plugin_dead_letters WHERE plugin_id = $plugin", pluginId);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM plugin_dead_letters WHERE plugin_id = $plugin AND event_id = $event", pluginId);
        command.Parameters.AddWithValue("$event", eventId.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DeadLetter ReadDeadLetter(SqliteDataReader r) => new(
        r.GetString(0),
        Guid.Parse(r.GetString(1)),
        r.GetInt64(2),
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        r.GetInt32(6),
        r.GetString(7),
        EventRows.ParseTime(r.GetString(8)));
}
