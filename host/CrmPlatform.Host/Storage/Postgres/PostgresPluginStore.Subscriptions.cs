using CrmPlatform.Host.Plugins.Subscriptions;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>Subscriptions: a checkpoint per plugin and partition, guarded by the plugin's epoch, and the dead letters.</summary>
public sealed partial class PostgresPluginStore
{
    private const string DeadLetterColumns = "plugin_id, event_id, position, partition, customer_id, event_type, attempts, error, parked_at";

    /// <inheritdoc />
    public async Task<long> ReadCheckpointAsync(string pluginId, int partition, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT position FROM crm_plugin_checkpoints WHERE plugin_id = @plugin AND partition = @partition", pluginId);
        command.Parameters.AddWithValue("partition", partition);
        return (long?)await command.ExecuteScalarAsync(cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<int, long>> ReadCheckpointsAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT partition, position FROM crm_plugin_checkpoints WHERE plugin_id = @plugin", pluginId);
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
        // The epoch table admits the write as of the statement's start; the row's own epoch, rechecked
        // on its newest version, refuses it when a reset committed since (see the class remarks).
        await using var command = Command(
            """
            INSERT INTO crm_plugin_checkpoints AS c (plugin_id, partition, position, epoch)
            SELECT @plugin, @partition, @position, @epoch
            WHERE COALESCE((SELECT epoch FROM crm_plugin_epochs WHERE plugin_id = @plugin), 0) = @epoch
            ON CONFLICT (plugin_id, partition) DO UPDATE SET position = GREATEST(c.position, excluded.position), epoch = excluded.epoch
            WHERE c.epoch <= excluded.epoch
            """,
            pluginId);
        command.Parameters.AddWithValue("partition", partition);
        command.Parameters.AddWithValue("position", position);
        command.Parameters.AddWithValue("epoch", expectedEpoch);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<long> ReadEpochAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT epoch FROM crm_plugin_epochs WHERE plugin_id = @plugin", pluginId);
        return (long?)await command.ExecuteScalarAsync(cancellationToken) ?? 0;
    }

    /// <inheritdoc />
    public async Task<long> ResetAsync(string pluginId, int partitionCount, long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);

        // One statement: raising the epoch locks its row first, so concurrent resets take turns.
        await using var command = Command(
            """
            WITH raised AS (
                INSERT INTO crm_plugin_epochs AS e (plugin_id, epoch) VALUES (@plugin, 1)
                ON CONFLICT (plugin_id) DO UPDATE SET epoch = e.epoch + 1
                RETURNING epoch
            ), reset AS (
                INSERT INTO crm_plugin_checkpoints AS c (plugin_id, partition, position, epoch)
                SELECT @plugin, p, @position, raised.epoch FROM raised, generate_series(0, @count - 1) AS p
                ON CONFLICT (plugin_id, partition) DO UPDATE SET position = excluded.position, epoch = excluded.epoch
            )
            SELECT epoch FROM raised
            """,
            pluginId);
        command.Parameters.AddWithValue("count", partitionCount);
        command.Parameters.AddWithValue("position", position);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task ParkAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var command = Command(
            $"""
            INSERT INTO crm_plugin_dead_letters ({DeadLetterColumns})
            VALUES (@plugin, @event, @position, @partition, @customer, @type, @attempts, @error, @parked)
            ON CONFLICT (plugin_id, event_id) DO UPDATE SET
                attempts = excluded.attempts, error = excluded.error, parked_at = excluded.parked_at
            """,
            letter.PluginId);
        command.Parameters.AddWithValue("event", letter.EventId);
        command.Parameters.AddWithValue("position", letter.Position);
        command.Parameters.AddWithValue("partition", letter.Partition);
        command.Parameters.AddWithValue("customer", letter.CustomerId);
        command.Parameters.AddWithValue("type", letter.EventType);
        command.Parameters.AddWithValue("attempts", letter.Attempts);
        command.Parameters.AddWithValue("error", letter.Error);
        command.Parameters.AddWithValue("parked", letter.ParkedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string pluginId, int maxCount, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"SELECT {DeadLetterColumns} FROM crm_plugin_dead_letters WHERE plugin_id = @plugin ORDER BY position, event_id LIMIT @max", pluginId);
        command.Parameters.AddWithValue("max", maxCount);
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
        await using var command = Command($"SELECT {DeadLetterColumns} FROM crm_plugin_dead_letters WHERE plugin_id = @plugin AND event_id = @event", pluginId);
        command.Parameters.AddWithValue("event", eventId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDeadLetter(reader) : null;
    }

    /// <inheritdoc />
    public async Task<int> CountDeadLettersAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT count(*)::int FROM crm_plugin_dead_letters WHERE plugin_id = @plugin", pluginId);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveDeadLetterAsync(string pluginId, Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = Command("DELETE FROM crm_plugin_dead_letters WHERE plugin_id = @plugin AND event_id = @event", pluginId);
        command.Parameters.AddWithValue("event", eventId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DeadLetter ReadDeadLetter(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetGuid(1),
        r.GetInt64(2),
        r.GetInt32(3),
        r.GetString(4),
        r.GetString(5),
        r.GetInt32(6),
        r.GetString(7),
        r.GetFieldValue<DateTimeOffset>(8));
}
