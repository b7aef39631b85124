using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>The events the projector parked, and rebuilding a customer's row to retry one.</summary>
public sealed partial class CustomerReadModel
{
    private const string ParkedColumns = "position, event_id, customer_id, event_type, error, attempts, parked_at";

    private readonly (string Table, string Insert) _parkedSql;

    /// <inheritdoc />
    public async Task ParkAsync(ParkedEvent parked, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parked);
        await _database.InTransactionAsync(async (connection, transaction) =>
        {
            var applied = await SqlDatabase.ScalarAsync<long>(connection, transaction, _lockCheckpointSql, new { name = checkpoint }, cancellationToken);
            if (applied >= parked.Position)
            {
                return 0;
            }

            return await SqlDatabase.ExecuteAsync(
                connection,
                transaction,
                $"{_parkedSql.Insert};\n{_saveCheckpointSql};",
                new
                {
                    position = parked.Position, eventId = parked.EventId.ToString(), customerId = parked.CustomerId, eventType = parked.EventType,
                    error = parked.Error, attempts = parked.Attempts, parkedAt = StoredTime(parked.ParkedAt), name = checkpoint,
                },
                cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(int maxCount, CancellationToken cancellationToken = default) =>
        _database.QueryAsync($"SELECT {ParkedColumns} FROM {_parkedSql.Table} ORDER BY position LIMIT @maxCount", new { maxCount }, ReadParked, cancellationToken);

    /// <inheritdoc />
    public Task<ParkedEvent?> FindParkedAsync(long position, CancellationToken cancellationToken = default) =>
        _database.QueryFirstAsync($"SELECT {ParkedColumns} FROM {_parkedSql.Table} WHERE position = @position", new { position }, ReadParked, cancellationToken);

    /// <inheritdoc />
    public async Task<long> CountParkedAsync(CancellationToken cancellationToken = default) =>
        await _database.ScalarAsync<long>($"SELECT count(*) FROM {_parkedSql.Table}", null, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RebuildCustomerAsync(
        IReadOnlyList<EventEnvelope> history, long parkedPosition, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return false;
        }

        return await _database.InTransactionAsync(async (connection, transaction) =>
        {
            // The checkpoint's lock keeps projectors elsewhere from writing the row meanwhile.
            await SqlDatabase.ScalarAsync<long>(connection, transaction, _lockCheckpointSql, new { name = checkpoint }, cancellationToken);
            var customerId = history[0].CustomerId;
            var rows = await LoadAsync(connection, transaction, [customerId], cancellationToken);
            if (rows.TryGetValue(customerId, out var current) && current.Version > history[^1].Sequence)
            {
                return false;
            }

            var row = new CustomerRow(customerId);
            foreach (var envelope in history)
            {
                row.Apply(envelope, baseCurrency);
            }

            // The row goes first: the upsert only ever replaces a row by a later version of itself.
            await SqlDatabase.ExecuteAsync(
                connection,
                transaction,
                $"DELETE FROM {_customers} WHERE id = @id;\n{_upsertSql};\n{_factsSql};\nDELETE FROM {_parkedSql.Table} WHERE position = @parkedPosition;",
                WriteParameters([row], history, new { id = customerId, parkedPosition }),
                cancellationToken);
            return true;
        }, cancellationToken);
    }

    private (string Table, string Insert) ParkedStatements()
    {
        var table = Table("parked_events");
        return (table,
            $"""
            INSERT INTO {table} ({ParkedColumns}) VALUES (@position, @eventId, @customerId, @eventType, @error, @attempts, @parkedAt)
            ON CONFLICT (position) DO UPDATE SET error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at
            """);
    }

    private static ParkedEvent ReadParked(SqlRow r) =>
        new(r.Number(0), Guid.Parse(r.Text(1)), r.Text(2), r.Text(3), r.Text(4), r.SmallNumber(5), r.Time(6));
}
