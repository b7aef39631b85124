using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Security;

/// <summary>
/// API keys, stored as SHA-256 hashes of their secrets (the secrets are 256 random bits, so a fast
/// hash is enough). A key reads <c>crm_{id}_{secret}</c>; the id finds the row, the secret proves it.
/// Keys are made, checked and briefly cached here; in cluster mode the rows are shared by every
/// silo, so a key made or revoked on one holds on all of them within the cache's lifetime.
/// </summary>
public sealed class ApiKeyStore(SqlDatabase database, TimeProvider time)
{
    private const string Columns = "id, name, role, secret_hash, created_at, revoked_at";

    /// <summary>The key table.</summary>
    public static SchemaComponent Schema { get; } = new(
        "api-keys",
        "platform.db",
        Sqlite:
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
            // Key creation is idempotent: the caller's Idempotency-Key (hashed with the caller) and a hash of the request.
            """
            ALTER TABLE api_keys ADD COLUMN idempotency TEXT;
            ALTER TABLE api_keys ADD COLUMN request_hash TEXT;
            CREATE UNIQUE INDEX api_keys_idempotency ON api_keys (idempotency) WHERE idempotency IS NOT NULL;
            """,
        ],
        Postgres:
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
            """
            ALTER TABLE crm_api_keys ADD COLUMN idempotency text COLLATE "C";
            ALTER TABLE crm_api_keys ADD COLUMN request_hash text;
            CREATE UNIQUE INDEX crm_api_keys_idempotency ON crm_api_keys (idempotency) WHERE idempotency IS NOT NULL;
            """,
        ]);

    private readonly string _table = database.Pick("api_keys", "crm_api_keys");

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (StoredApiKey? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a key; its secret is in the result and nowhere else.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default) =>
        (await CreateAsync(name, role, onlyIfNoActiveKey: false, cancellationToken))!;

    /// <summary>
    /// Creates a key once per <paramref name="idempotencyKey"/> of the caller <paramref name="callerId"/>:
    /// a retry of the same request finds the key the first attempt made (its secret was shown once and is
    /// not kept, so the retry gets the key without it); the same Idempotency-Key with another name or
    /// role is refused.
    /// </summary>
    public async Task<ApiKeyCreation> CreateOnceAsync(
        string name, ApiKeyRole role, string callerId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var scope = Hash($"{callerId}\n{idempotencyKey}");
        var request = Hash($"{name}\n{role}");
        var id = NewId();
        var secret = NewSecret();
        var info = new ApiKeyInfo(id, name, role, time.GetUtcNow(), null);
        var inserted = await database.ExecuteAsync(
            $"""
            INSERT INTO {_table} (id, name, role, secret_hash, created_at, idempotency, request_hash)
            VALUES (@id, @name, @role, @hash, @created, @scope, @request)
            ON CONFLICT (idempotency) WHERE idempotency IS NOT NULL DO NOTHING
            """,
            new { id, name, role = role.ToString(), hash = Hash(secret), created = database.Time(info.CreatedAt), scope, request },
            cancellationToken);
        if (inserted == 1)
        {
            return new ApiKeyCreation(new CreatedApiKey(info, $"crm_{id}_{secret}"), null, SameRequest: true);
        }

        var earlier = await database.QueryFirstAsync(
            $"SELECT {Columns}, request_hash FROM {_table} WHERE idempotency = @scope",
            new { scope },
            r => ((StoredApiKey Key, string RequestHash)?)(Read(r), r.Text(6)),
            cancellationToken) ?? throw new InvalidOperationException("The key of an earlier request with this Idempotency-Key is gone.");
        return new ApiKeyCreation(null, earlier.Key.Info, SameRequest: earlier.RequestHash == request);
    }

    /// <summary>
    /// Creates a key only when no active key exists, atomically — even when several silos of a
    /// cluster try at once, exactly one first key is made. Null when there already was one.
    /// </summary>
    public Task<CreatedApiKey?> CreateFirstAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default) =>
        CreateAsync(name, role, onlyIfNoActiveKey: true, cancellationToken);

    /// <summary>Every key, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync($"SELECT {Columns} FROM {_table} ORDER BY created_at DESC, id", null, Read, cancellationToken)).Select(k => k.Info)];

    /// <summary>True when at least one key is not revoked.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Any(k => k.RevokedAt is null);

    /// <summary>
    /// Revokes a key, whatever its role; false when no such key exists or it was already revoked.
    /// The API uses <see cref="RevokeKeepingAnAdminAsync"/>, which keeps the last admin key.
    /// </summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var revoked = await MarkRevokedAsync(id, time.GetUtcNow(), cancellationToken);
        _cache.TryRemove(id, out _);
        return revoked;
    }

    /// <summary>
    /// Revokes a key unless it is the last active admin key, which would lock every admin out; the
    /// check and the revocation are one statement in a transaction (PostgreSQL silos serialise on
    /// the same lock as key creation), so two admins revoking each other at once cannot both succeed.
    /// </summary>
    public async Task<ApiKeyRevocation> RevokeKeepingAnAdminAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsStorable(id))
        {
            return ApiKeyRevocation.NotFound;
        }

        var outcome = await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var revoked = await SqlDatabase.ExecuteAsync(
                    connection,
                    transaction,
                    database.Pick("", "SELECT pg_advisory_xact_lock(7166827712345);") + $"""
                    UPDATE {_table} SET revoked_at = @at
                    WHERE id = @id AND revoked_at IS NULL
                      AND (role <> @admin OR EXISTS (SELECT 1 FROM {_table} WHERE revoked_at IS NULL AND role = @admin AND id <> @id))
                    """,
                    new { id, at = database.Time(time.GetUtcNow()), admin = nameof(ApiKeyRole.Admin) },
                    cancellationToken);
                if (revoked == 1)
                {
                    return ApiKeyRevocation.Revoked;
                }

                var active = await SqlDatabase.ScalarAsync<long>(
                    connection, transaction, $"SELECT COUNT(*) FROM {_table} WHERE id = @id AND revoked_at IS NULL", new { id }, cancellationToken);
                return active == 0 ? ApiKeyRevocation.NotFound : ApiKeyRevocation.LastAdmin;
            },
            cancellationToken);
        _cache.TryRemove(id, out _);
        return outcome;
    }

    /// <summary>The active key that <paramref name="presented"/> proves, or null.</summary>
    public async Task<ApiKeyInfo?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var parts = presented.Split('_', 3);
        if (parts is not ["crm", { Length: 12 } id, { Length: > 0 } secret] || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        // Only keys that exist are cached: made-up ids must not grow the cache.
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || cached.Until < now)
        {
            cached = (await FindAsync(id, cancellationToken), now + CacheFor);
            if (cached.Key is null)
            {
                _cache.TryRemove(id, out _);
                return null;
            }

            _cache[id] = cached;
        }

        return cached.Key is { Info.RevokedAt: null } key
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(Hash(secret)))
            ? key.Info
            : null;
    }

    /// <summary>Stores a new key — when <paramref name="onlyIfNoActiveKey"/>, only if no active key exists, atomically; false when not stored.</summary>
    private Task<bool> InsertAsync(StoredApiKey key, bool onlyIfNoActiveKey, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (connection, transaction) => await SqlDatabase.ExecuteAsync(
                connection,
                transaction,
                // SQLite's single writer makes the check and the insert atomic; PostgreSQL silos
                // starting together serialize on the lock, and the insert's own snapshot, taken after
                // it, sees a first key another silo committed meanwhile.
                database.Pick("", "SELECT pg_advisory_xact_lock(7166827712345);") + $"""
                INSERT INTO {_table} (id, name, role, secret_hash, created_at)
                SELECT @id, @name, @role, @hash, @created
                WHERE NOT @only OR NOT EXISTS (SELECT 1 FROM {_table} WHERE revoked_at IS NULL)
                """,
                new
                {
                    only = onlyIfNoActiveKey,
                    id = key.Info.Id,
                    name = key.Info.Name,
                    role = key.Info.Role.ToString(),
                    hash = key.SecretHash,
                    created = database.Time(key.Info.CreatedAt),
                },
                cancellationToken) == 1,
            cancellationToken);

    /// <summary>The key with this id, revoked or not.</summary>
    private Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsStorable(id)
            ? database.QueryFirstAsync($"SELECT {Columns} FROM {_table} WHERE id = @id", new { id }, Read, cancellationToken)
            : Task.FromResult<StoredApiKey?>(null);

    /// <summary>Marks an active key revoked at <paramref name="at"/>; false when there is no active key with this id.</summary>
    private async Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        IsStorable(id)
        && await database.ExecuteAsync(
            $"UPDATE {_table} SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id, at = database.Time(at) }, cancellationToken) == 1;

    // No key's id contains U+0000 (PostgreSQL text cannot even hold it): such an id finds nothing.
    private static bool IsStorable(string id) => !id.Contains('\0', StringComparison.Ordinal);

    private static StoredApiKey Read(SqlRow r) => new(
        new ApiKeyInfo(r.Text(0), r.Text(1), Enum.Parse<ApiKeyRole>(r.Text(2)), r.Time(4), r.NullableTime(5)),
        r.Text(3));

    private async Task<CreatedApiKey?> CreateAsync(string name, ApiKeyRole role, bool onlyIfNoActiveKey, CancellationToken cancellationToken)
    {
        var id = NewId();
        var secret = NewSecret();
        var info = new ApiKeyInfo(id, name, role, time.GetUtcNow(), null);
        return await InsertAsync(new StoredApiKey(info, Hash(secret)), onlyIfNoActiveKey, cancellationToken)
            ? new CreatedApiKey(info, $"crm_{id}_{secret}")
            : null;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
