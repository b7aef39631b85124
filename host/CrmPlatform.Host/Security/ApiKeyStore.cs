using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Host.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Security;

/// <summary>
/// API keys, stored as SHA-256 hashes of their secrets (the secrets are 256 random bits, so a fast
/// hash is enough). A key reads <c>crm_{id}_{secret}</c>; the id finds the row, the secret proves it.
/// </summary>
public sealed class ApiKeyStore
{
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

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SqliteConnections _connections;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (StoredKey? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Opens (creating if needed) the key store in <paramref name="path"/>.</summary>
    public ApiKeyStore(string path, TimeProvider time)
    {
        _connections = new SqliteConnections(path);
        _time = time;
        using var connection = _connections.OpenAsync().GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <summary>Creates a key; its secret is in the result and nowhere else.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var info = new ApiKeyInfo(id, name, role, _time.GetUtcNow(), null);
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_keys (id, name, role, secret_hash, created_at) VALUES ($id, $name, $role, $hash, $created)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role.ToString());
        command.Parameters.AddWithValue("$hash", Hash(secret));
        command.Parameters.AddWithValue("$created", EventRows.FormatTime(info.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CreatedApiKey(info, $"crm_{id}_{secret}");
    }

    /// <summary>Every key, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_keys ORDER BY created_at DESC, id";
        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader).Info);
        }

        return keys;
    }

    /// <summary>True when at least one key is not revoked.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Any(k => k.RevokedAt is null);

    /// <summary>Revokes a key; false when no such key exists or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", EventRows.FormatTime(_time.GetUtcNow()));
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        _cache.TryRemove(id, out _);
        return revoked;
    }

    /// <summary>The active key that <paramref name="presented"/> proves, or null.</summary>
    public async Task<ApiKeyInfo?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var parts = presented.Split('_', 3);
        if (parts is not ["crm", { Length: 12 } id, { Length: > 0 } secret])
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || cached.Until < now)
        {
            cached = (await FindAsync(id, cancellationToken), now + CacheFor);
            _cache[id] = cached;
        }

        return cached.Key is { Info.RevokedAt: null } key
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(Hash(secret)))
            ? key.Info
            : null;
    }

    private async Task<StoredKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, secret_hash, created_at, revoked_at FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static StoredKey Read(SqliteDataReader r) => new(
        new ApiKeyInfo(
            r.GetString(0),
            r.GetString(1),
            Enum.Parse<ApiKeyRole>(r.GetString(2)),
            EventRows.ParseTime(r.GetString(4)),
            r.IsDBNull(5) ? null : EventRows.ParseTime(r.GetString(5))),
        r.GetString(3));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record StoredKey(ApiKeyInfo Info, string SecretHash);
}
