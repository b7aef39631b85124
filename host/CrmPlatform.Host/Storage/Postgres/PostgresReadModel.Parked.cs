using System.Data;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Events;
using Dapper;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>The events the projector parked, and rebuilding a customer's row to retry one.</summary>
public sealed partial class PostgresReadModel
{
    private const string ParkedMigration =
        """
        CREATE TABLE crm_parked_events (
            position bigint PRIMARY KEY, event_id text NOT NULL, customer_id text COLLATE "C" NOT NULL, event_type text NOT NULL,
            error text NOT NULL, attempts integer NOT NULL, parked_at timestamptz NOT NULL);
        """;

    private const string ParkedColumns = "position, event_id, customer_id, event_type, error, attempts, parked_at";

    /// <inheritdoc />
    public async Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LockCheckpointSql, new { name = checkpoint }, transaction, cancellationToken: cancellationToken));
        if (applied < parked.Position)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO crm_parked_events ({ParkedColumns}) VALUES (@Position, @EventId, @CustomerId, @EventType, @Error, @Attempts, @ParkedAt)
                ON CONFLICT (position) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at;
                {SaveCheckpointSql.Replace("@name", "@Checkpoint", StringComparison.Ordinal)};
                """,
                new
                {
                    parked.Position, EventId = parked.EventId.ToString(), parked.CustomerId, parked.EventType, parked.Error,
                    parked.Attempts, ParkedAt = Utc(parked.ParkedAt), Checkpoint = checkpoint,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default) =>
        await QueryParkedAsync($"SELECT {ParkedColumns} FROM crm_parked_events ORDER BY position LIMIT @maxCount", new { maxCount }, cancellationToken);

    /// <inheritdoc />
    public async Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default) =>
        (await QueryParkedAsync($"SELECT {ParkedColumns} FROM crm_parked_events WHERE position = @position", new { position }, cancellationToken)) is [var parked, ..] ? parked : null;

    /// <inheritdoc />
    public async Task<long> CountParkedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM crm_parked_events", cancellationToken: cancellationToken));
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

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        // The checkpoint's lock keeps projectors on other silos from writing the row meanwhile.
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(LockCheckpointSql, new { name = checkpoint }, transaction, cancellationToken: cancellationToken));
        var customerId = history[0].CustomerId;
        var rows = await LoadAsync(connection, transaction, [customerId], cancellationToken);
        if (rows.TryGetValue(customerId, out var current) && current.Version > history[^1].Sequence)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var row = new CustomerRow(customerId);
        foreach (var envelope in history)
        {
            row.Apply(envelope, baseCurrency);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var delete = new NpgsqlBatchCommand("DELETE FROM crm_customers WHERE id = @id");
        delete.Parameters.AddWithValue("id", customerId);
        batch.BatchCommands.Add(delete);
        batch.BatchCommands.Add(CreateUpsert([row]));
        AddFacts(batch, history);
        var unpark = new NpgsqlBatchCommand("DELETE FROM crm_parked_events WHERE position = @position");
        unpark.Parameters.AddWithValue("position", parkedPosition);
        batch.BatchCommands.Add(unpark);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<IReadOnlyList<ParkedEvent>> QueryParkedAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parked = new List<ParkedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            parked.Add(new ParkedEvent(
                reader.GetInt64(0), Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return parked;
    }
}
