using CrmPlatform.Grains.Snapshots;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Customer snapshots in the PostgreSQL database every silo shares (<c>crm_customer_snapshots</c>).
/// A save replaces the stored snapshot only with a higher version, so two silos that briefly both
/// hold a customer (or a slow save arriving late) never roll its snapshot back.
/// </summary>
public sealed class PostgresSnapshotStore(NpgsqlDataSource dataSource, TimeProvider time) : ICustomerSnapshotStore
{
    /// <summary>The schema, for <c>PostgresMigrator.MigrateAsync(dataSource, "snapshots", Migrations)</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
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
    ];

    /// <inheritdoc />
    public async Task<CustomerSnapshot?> LoadAsync(string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, schema_version, data FROM crm_customer_snapshots WHERE customer_id = @customer");
        command.Parameters.AddWithValue("customer", customerId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CustomerSnapshot(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2))
            : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string customerId, CustomerSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO crm_customer_snapshots (customer_id, version, schema_version, data, saved_at)
            VALUES (@customer, @version, @schema, @data, @saved)
            ON CONFLICT (customer_id) DO UPDATE SET
                version = excluded.version, schema_version = excluded.schema_version,
                data = excluded.data, saved_at = excluded.saved_at
            WHERE excluded.version > crm_customer_snapshots.version
            """);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("version", snapshot.Version);
        command.Parameters.AddWithValue("schema", snapshot.SchemaVersion);
        command.Parameters.AddWithValue("data", snapshot.Data);
        command.Parameters.AddWithValue("saved", time.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(ct);
    }
}
