using System.Globalization;
using CrmPlatform.Grains.Snapshots;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// Customer snapshots in their own SQLite file (<c>snapshots.db</c>), apart from the log. Snapshots
/// can always be rebuilt from the log, so commits do not wait for fsync (<c>synchronous=NORMAL</c>):
/// a crash may lose the newest snapshots, never an event.
/// </summary>
public sealed class SqliteSnapshotStore : ICustomerSnapshotStore
{
    private static readonly string[] Migrations =
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
    ];

    private readonly SqliteConnections _connections;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating if needed) the snapshots in <paramref name="path"/>.</summary>
    public SqliteSnapshotStore(string path, TimeProvider time)
    {
        _connections = new SqliteConnections(path);
        _time = time;
        using var connection = _connections.OpenForWritesAsync(durable: false).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public async Task<CustomerSnapshot?> LoadAsync(string customerId, CancellationToken ct = default)
    {
        await using var connection = await _connections.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, schema_version, data FROM snapshots WHERE customer_id = $customer";
        command.Parameters.AddWithValue("$customer", customerId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CustomerSnapshot(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2))
            : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string customerId, CustomerSnapshot snapshot, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = await _connections.OpenForWritesAsync(durable: false, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO snapshots (customer_id, version, schema_version, data, saved_at)
            VALUES ($customer, $version, $schema, $data, $saved)
            ON CONFLICT (customer_id) DO UPDATE SET
                version = excluded.version, schema_version = excluded.schema_version,
                data = excluded.data, saved_at = excluded.saved_at
            WHERE excluded.version > snapshots.version
            """;
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$version", snapshot.Version);
        command.Parameters.AddWithValue("$schema", snapshot.SchemaVersion);
        command.Parameters.AddWithValue("$data", snapshot.Data);
        command.Parameters.AddWithValue("$saved", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(ct);
    }
}
