using CrmPlatform.Grains.Snapshots;

using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Customers;

/// <summary>
/// Customer snapshots. A save replaces the stored snapshot only with a higher version, so two silos
/// that briefly both hold a customer (or a slow save arriving late) never roll its snapshot back.
/// Snapshots can always be rebuilt from the log, so the embedded file does not wait for fsync.
/// </summary>
public sealed class SqlSnapshotStore(SqlDatabase database, TimeProvider time) : ICustomerSnapshotStore
{
    /// <summary>The snapshot table.</summary>
    public static SchemaComponent Schema { get; } = new(
        "snapshots",
        "snapshots.db",
        Sqlite:
        [
            """
            CREATE TABLE snapshots (
                customer_id TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                schema_version INTEGER NOT NULL,
                data TEXT NOT NULL,
                saved_at TEXT NOT NULL
            );
            """,
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_customer_snapshots (
                customer_id text COLLATE "C" PRIMARY KEY,
                version bigint NOT NULL,
                schema_version int NOT NULL,
                data text NOT NULL,
                saved_at timestamptz NOT NULL
            );
            """,
        ])
    {
        Durable = false,
    };

    private readonly string _table = database.Pick("snapshots", "crm_customer_snapshots");

    /// <inheritdoc />
    public Task<CustomerSnapshot?> LoadAsync(string customerId, CancellationToken ct = default) =>
        database.QueryFirstAsync(
            $"SELECT version, schema_version, data FROM {_table} WHERE customer_id = @customerId",
            new { customerId },
            r => new CustomerSnapshot(r.Number(0), r.SmallNumber(1), r.Text(2)),
            ct);

    /// <inheritdoc />
    public async Task SaveAsync(string customerId, CustomerSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await database.ExecuteAsync(
            $"""
            INSERT INTO {_table} (customer_id, version, schema_version, data, saved_at)
            VALUES (@customerId, @version, @schema, @data, @saved)
            ON CONFLICT (customer_id) DO UPDATE SET
                version = excluded.version, schema_version = excluded.schema_version,
                data = excluded.data, saved_at = excluded.saved_at
            WHERE excluded.version > {_table}.version
            """,
            new { customerId, version = snapshot.Version, schema = snapshot.SchemaVersion, data = snapshot.Data, saved = database.Time(time.GetUtcNow()) },
            ct);
    }
}
