using System.Data;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Events;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>The write side: applying a batch of events under the checkpoint's row lock.</summary>
public sealed partial class PostgresReadModel
{
    // Takes the checkpoint's row lock (creating the row if needed) and returns its position. A
    // concurrent batch for the same checkpoint waits here until this one commits, then sees its
    // position. The no-op update is what takes the lock, also on the very first batch.
    private const string LockCheckpointSql =
        """
        INSERT INTO crm_checkpoints (name, position) VALUES (@name, 0)
        ON CONFLICT (name) DO UPDATE SET position = crm_checkpoints.position
        RETURNING position
        """;

    private const string SaveCheckpointSql = "UPDATE crm_checkpoints SET position = GREATEST(position, @position) WHERE name = @name";

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Read committed: after waiting for the lock, the next statements see what the other batch committed.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        long applied;
        await using (var lockCheckpoint = new NpgsqlCommand(LockCheckpointSql, connection, transaction))
        {
            lockCheckpoint.Parameters.AddWithValue("name", checkpoint);
            applied = (long)(await lockCheckpoint.ExecuteScalarAsync(cancellationToken))!;
        }

        // Another projector may have committed part or all of this batch while it was read.
        var fresh = events.Where(e => e.Position > applied).ToArray();
        if (fresh.Length == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        // The customers table folds customers' own streams; other kinds (an opportunity) have their
        // own projections, but the checkpoint still moves past them.
        var customers = fresh.Where(e => e.StreamKind == StreamKinds.Customer).ToArray();
        var rows = await LoadAsync(connection, transaction, customers.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        var loaded = rows.ToDictionary(r => r.Key, r => r.Value.Version, StringComparer.Ordinal);
        foreach (var envelope in customers)
        {
            if (!rows.TryGetValue(envelope.CustomerId, out var row))
            {
                rows[envelope.CustomerId] = row = new CustomerRow(envelope.CustomerId);
            }

            row.Apply(envelope, baseCurrency);
        }

        // Rows in id order, so that writers of overlapping rows lock them in the same order.
        var changed = rows.Values
            .Where(r => r.Version > loaded.GetValueOrDefault(r.Id))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (changed.Length > 0)
        {
            batch.BatchCommands.Add(CreateUpsert(changed));
        }

        AddFacts(batch, customers);
        var save = new NpgsqlBatchCommand(SaveCheckpointSql);
        save.Parameters.AddWithValue("name", checkpoint);
        save.Parameters.AddWithValue("position", fresh.Max(e => e.Position));
        batch.BatchCommands.Add(save);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, CustomerRow>> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {RowColumns} FROM crm_customers WHERE id = ANY(@ids)", connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        var rows = new Dictionary<string, CustomerRow>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = ReadRow(reader);
            rows[row.Id] = row;
        }

        return rows;
    }
}
