using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Events;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>The events the projector parked, and rebuilding a customer's row to retry one.</summary>
public sealed partial class SqliteReadModel
{
    private const string ParkedMigration =
        """
        CREATE TABLE parked_events (
            position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, customer_id TEXT NOT NULL, event_type TEXT NOT NULL,
            error TEXT NOT NULL, attempts INTEGER NOT NULL, parked_at TEXT NOT NULL);
        """;

    private const string ParkedColumns = "position, event_id, customer_id, event_type, error, attempts, parked_at";

    /// <inheritdoc />
    public async Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        await WriteAsync(async (connection, transaction) =>
        {
            var applied = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT position FROM checkpoints WHERE name = @checkpoint", new { checkpoint }, transaction, cancellationToken: cancellationToken)) ?? 0;
            if (applied >= parked.Position)
            {
                return;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO parked_events ({ParkedColumns}) VALUES (@Position, @EventId, @CustomerId, @EventType, @Error, @Attempts, @ParkedAt)
                ON CONFLICT (position) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at;
                INSERT INTO checkpoints (name, position) VALUES (@Checkpoint, @Position)
                ON CONFLICT (name) DO UPDATE SET position = excluded.position;
                """,
                new
                {
                    parked.Position, EventId = parked.EventId.ToString(), parked.CustomerId, parked.EventType, parked.Error,
                    parked.Attempts, ParkedAt = EventRows.FormatTime(parked.ParkedAt), Checkpoint = checkpoint,
                },
                transaction,
                cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default) =>
        await QueryParkedAsync($"SELECT {ParkedColumns} FROM parked_events ORDER BY position LIMIT @maxCount", new { maxCount }, cancellationToken);

    /// <inheritdoc />
    public async Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default) =>
        (await QueryParkedAsync($"SELECT {ParkedColumns} FROM parked_events WHERE position = @position", new { position }, cancellationToken)) is [var parked, ..] ? parked : null;

    /// <inheritdoc />
    public async Task<long> CountParkedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM parked_events", cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<bool> RebuildCustomerAsync(
        IReadOnlyList<EventEnvelope> history, long parkedPosition, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return false;
        }

        var rebuilt = false;
        await WriteAsync(async (connection, transaction) =>
        {
            var customerId = history[0].CustomerId;
            var rows = await LoadAsync(connection, transaction, [customerId], cancellationToken);
            if (rows.TryGetValue(customerId, out var current) && current.Version > history[^1].Sequence)
            {
                return;
            }

            var row = new CustomerRow(customerId);
            foreach (var envelope in history)
            {
                row.Apply(envelope, baseCurrency);
            }

            await using (var upsert = CreateUpsert(connection, transaction))
            {
                BindRow(upsert, row);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await WriteFactsAsync(connection, transaction, history, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM parked_events WHERE position = @parkedPosition", new { parkedPosition }, transaction, cancellationToken: cancellationToken));
            rebuilt = true;
        }, cancellationToken);
        return rebuilt;
    }

    private async Task<IReadOnlyList<ParkedEvent>> QueryParkedAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parked = new List<ParkedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            parked.Add(new ParkedEvent(
                reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), EventRows.ParseTime(reader.GetString(6))));
        }

        return parked;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on the writer's connection, one writer at a time.</summary>
    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await _connections.OpenForWritesAsync(durable: false, cancellationToken);
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken);
            await work(_writer, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
