using System.Data.Common;
using System.Text.Json;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>The write side: applying a batch of events under the checkpoint's row lock.</summary>
public sealed partial class CustomerReadModel
{
    private readonly string _upsertSql;
    private readonly string _factsSql;

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyList<EventEnvelope> events, string checkpoint, string baseCurrency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        // Read committed on PostgreSQL: after waiting for the lock, the next statements see what the
        // other batch committed. Three round trips per batch: lock, load, write.
        await _database.InTransactionAsync(async (connection, transaction) =>
        {
            var applied = await SqlDatabase.ScalarAsync<long>(connection, transaction, _lockCheckpointSql, new { name = checkpoint }, cancellationToken);

            // Another projector may have committed part or all of this batch while it was read.
            var fresh = events.Where(e => e.Position > applied).ToArray();
            if (fresh.Length == 0)
            {
                return 0;
            }

            // The customers table folds customers' own streams; other kinds (an opportunity) have their
            // own projections, but the checkpoint still moves past them.
            var customers = fresh.Where(e => e.StreamKind == StreamKinds.Customer).ToArray();
            var rows = await LoadAsync(connection, transaction, customers.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal), cancellationToken);
            var loaded = rows.ToDictionary(r => r.Key, r => r.Value.Version, StringComparer.Ordinal);
            foreach (var envelope in customers)
            {
                if (!rows.TryGetValue(envelope.CustomerId, out var row))
                {
                    rows[envelope.CustomerId] = row = new CustomerRow(envelope.CustomerId);
                }

                row.Apply(envelope, baseCurrency);
            }

            var changed = rows.Values.Where(r => r.Version > loaded.GetValueOrDefault(r.Id));
            return await SqlDatabase.ExecuteAsync(
                connection,
                transaction,
                $"{_upsertSql};\n{_factsSql};\n{_saveCheckpointSql};",
                WriteParameters(changed, customers, new { name = checkpoint, position = fresh.Max(e => e.Position) }),
                cancellationToken);
        }, cancellationToken);
    }

    private async Task<Dictionary<string, CustomerRow>> LoadAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var idList = _database.Pick("SELECT value FROM json_each(@ids)", "SELECT jsonb_array_elements_text(CAST(@ids AS jsonb))");
        var rows = await _database.QueryAsync(
            connection, transaction, $"SELECT {_rowColumns} FROM {_customers} WHERE id IN ({idList})", new { ids = JsonSerializer.Serialize(ids) }, ReadRow, cancellationToken);
        return rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The parameters of <see cref="_upsertSql"/> and <see cref="_factsSql"/> (and <paramref name="more"/>'s):
    /// each table's rows in key order, so that writers of overlapping rows lock them in the same order.
    /// </summary>
    private Dapper.DynamicParameters WriteParameters(IEnumerable<CustomerRow> rows, IEnumerable<EventEnvelope> events, object more)
    {
        var parameters = new Dapper.DynamicParameters(more);
        parameters.Add("rows", RowsJson(rows.OrderBy(r => r.Id, StringComparer.Ordinal)));
        var (stages, insights) = FactsJson(events);
        parameters.Add("stages", stages);
        parameters.Add("insights", insights);
        return parameters;
    }

    /// <summary>The statements that write a batch's rows (only ever replaced by a later version of themselves) and report facts.</summary>
    private (string Upsert, string Facts) WriteStatements()
    {
        (string, string)[] columns =
        [
            ("id", "text"), ("kind", "text"), ("first_name", "text"), ("last_name", "text"), ("organisation_name", "text"),
            ("company", "text"), ("display_name", "text"), ("primary_email", "text"), ("primary_phone", "text"), ("stage", "text"),
            ("stage_changed_at", "timestamptz"), ("tier", "text"), ("revenue", "numeric"), ("order_count", "integer"),
            ("last_order_at", "timestamptz"), ("last_activity_at", "timestamptz"), ("tags", "jsonb"), ("owner", "text"),
            ("registered_at", "timestamptz"), ("version", "bigint"), ("search_text", "text"),
        ];
        var values = UpsertColumns.Select(c => c == "tags" ? _database.Pick("r.tags", "ARRAY(SELECT jsonb_array_elements_text(r.tags))") : "r." + c);
        var binary = _database.Pick("", " COLLATE \"C\"");

        // "WHERE true" keeps SQLite from reading ON CONFLICT as a join's ON.
        var upsert =
            $"""
            INSERT INTO {_customers} ({string.Join(", ", UpsertColumns)})
            SELECT {string.Join(", ", values)} FROM {JsonRecords("rows", "r", columns)} WHERE true ORDER BY r.id{binary}
            ON CONFLICT (id) DO UPDATE SET {string.Join(", ", UpsertColumns.Skip(1).Select(c => $"{c} = excluded.{c}"))}
            WHERE {_customers}.version < excluded.version
            """;
        var stageChanges = Table("stage_changes");
        var insights = Table("insights");
        var facts =
            $"""
            INSERT INTO {stageChanges} (customer_id, version, stage, changed_at)
            SELECT f.customer_id, f.version, f.stage, f.changed_at
            FROM {JsonRecords("stages", "f", ("customer_id", "text"), ("version", "bigint"), ("stage", "text"), ("changed_at", "timestamptz"))}
            WHERE true ORDER BY f.customer_id{binary}, f.version
            ON CONFLICT (customer_id, version) DO NOTHING;
            INSERT INTO {insights} (customer_id, name, value, label, source, updated_at, version)
            SELECT f.customer_id, f.name, f.value, f.label, f.source, f.updated_at, f.version
            FROM {JsonRecords("insights", "f", ("customer_id", "text"), ("name", "text"), ("value", "double precision"), ("label", "text"),
                ("source", "text"), ("updated_at", "timestamptz"), ("version", "bigint"))}
            WHERE true ORDER BY f.customer_id{binary}, f.name{binary}
            ON CONFLICT (customer_id, name) DO UPDATE SET
                value = excluded.value, label = excluded.label, source = excluded.source,
                updated_at = excluded.updated_at, version = excluded.version
            WHERE {insights}.version < excluded.version
            """;
        return (upsert, facts);
    }
}
