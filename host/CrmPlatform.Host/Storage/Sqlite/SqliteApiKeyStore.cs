using CrmPlatform.Host.Security;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>API keys in the embedded <c>platform.db</c>.</summary>
public sealed class SqliteApiKeyStore : ApiKeyStore
{
    private const string Columns = "id, name, role, secret_hash, created_at, revoked_at";

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        """,
    ];

    private readonly SqliteConnections _connections;

    /// <summary>Opens (creating if needed) the key store in <paramref name="path"/>.</summary>
    public SqliteApiKeyStore(string path, TimeProvider time)
        : base(time)
    {
        _connections = new SqliteConnections(path);
        using var connection = _connections.OpenForWritesAsync(durable: true).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at DESC, id";
        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader).Info);
        }

        return keys;
    }

    /// <inheritdoc />
    protected override async Task<bool> InsertAsync(StoredApiKey key, bool onlyIfNoActiveKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = connection.CreateCommand();

        // One statement: SQLite's single writer makes the check and the insert atomic.
        command.CommandText = """
            INSERT INTO api_keys (id, name, role, secret_hash, created_at)
            SELECT $id, $name, $role, $hash, $created
            WHERE NOT $only OR NOT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)
            """;
        command.Parameters.AddWithValue("$only", onlyIfNoActiveKey);
        command.Parameters.AddWithValue("$id", key.Info.Id);
        command.Parameters.AddWithValue("$name", key.Info.Name);
        command.Parameters.AddWithValue("$role", key.Info.Role.ToString());
        command.Parameters.AddWithValue("$hash", key.SecretHash);
        command.Parameters.AddWithValue("$created", EventRows.FormatTime(key.Info.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    protected override async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    protected override async Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", EventRows.FormatTime(at));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static StoredApiKey Read(SqliteDataReader r) => new(
        new ApiKeyInfo(
            r.GetString(0),
            r.GetString(1),
            Enum.Parse<ApiKeyRole>(r.GetString(2)),
            EventRows.ParseTime(r.GetString(4)),
            r.IsDBNull(5) ? null : EventRows.ParseTime(r.GetString(5))),
        r.GetString(3));
}
