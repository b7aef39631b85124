using CrmPlatform.Host.Security;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// API keys in the PostgreSQL database every silo shares (<c>crm_api_keys</c>). A key made or
/// revoked on one silo holds on all of them; each silo caches lookups briefly (see
/// <see cref="ApiKeyStore"/>), so a revocation reaches the others within the cache's lifetime.
/// </summary>
public sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time) : ApiKeyStore(time)
{
    private const string Columns = "id, name, role, secret_hash, created_at, revoked_at";

    /// <summary>The schema, for <c>PostgresMigrator.MigrateAsync(dataSource, "api-keys", Migrations)</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE crm_api_keys (
            id text COLLATE "C" PRIMARY KEY,
            name text NOT NULL,
            role text NOT NULL,
            secret_hash text NOT NULL,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz
        );
        """,
    ];

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM crm_api_keys ORDER BY created_at DESC, id");
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Silos starting together serialize on the lock; the insert's own snapshot, taken after it,
        // sees a first key another silo committed meanwhile.
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(7166827712345);
            INSERT INTO crm_api_keys (id, name, role, secret_hash, created_at)
            SELECT @id, @name, @role, @hash, @created
            WHERE NOT @only OR NOT EXISTS (SELECT 1 FROM crm_api_keys WHERE revoked_at IS NULL);
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("only", onlyIfNoActiveKey);
        command.Parameters.AddWithValue("id", key.Info.Id);
        command.Parameters.AddWithValue("name", key.Info.Name);
        command.Parameters.AddWithValue("role", key.Info.Role.ToString());
        command.Parameters.AddWithValue("hash", key.SecretHash);
        command.Parameters.AddWithValue("created", key.Info.CreatedAt.UtcDateTime);
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }

    /// <inheritdoc />
    protected override async Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsStorable(id))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM crm_api_keys WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    protected override async Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!IsStorable(id))
        {
            return false;
        }

        await using var command = dataSource.CreateCommand("UPDATE crm_api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at.UtcDateTime);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    // PostgreSQL text cannot hold U+0000, and no key's id contains it: such an id finds nothing.
    private static bool IsStorable(string id) => !id.Contains('\0', StringComparison.Ordinal);

    private static StoredApiKey Read(NpgsqlDataReader r) => new(
        new ApiKeyInfo(
            r.GetString(0),
            r.GetString(1),
            Enum.Parse<ApiKeyRole>(r.GetString(2)),
            r.GetFieldValue<DateTimeOffset>(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)),
        r.GetString(3));
}
