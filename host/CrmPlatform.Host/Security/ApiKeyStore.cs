using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CrmPlatform.Host.Security;

/// <summary>
/// API keys, stored as SHA-256 hashes of their secrets (the secrets are 256 random bits, so a fast
/// hash is enough). A key reads <c>crm_{id}_{secret}</c>; the id finds the row, the secret proves it.
/// Subclasses keep the rows; this class makes keys, checks them and caches lookups briefly.
/// </summary>
public abstract class ApiKeyStore(TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (StoredApiKey? Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a key; its secret is in the result and nowhere else.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default) =>
        (await CreateAsync(name, role, onlyIfNoActiveKey: false, cancellationToken))!;

    /// <summary>
    /// Creates a key only when no active key exists, atomically — even when several silos of a
    /// cluster try at once, exactly one first key is made. Null when there already was one.
    /// </summary>
    public Task<CreatedApiKey?> CreateFirstAsync(string name, ApiKeyRole role, CancellationToken cancellationToken = default) =>
        CreateAsync(name, role, onlyIfNoActiveKey: true, cancellationToken);

    /// <summary>Every key, newest first.</summary>
    public abstract Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>True when at least one key is not revoked.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).Any(k => k.RevokedAt is null);

    /// <summary>Revokes a key; false when no such key exists or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        var revoked = await MarkRevokedAsync(id, time.GetUtcNow(), cancellationToken);
        _cache.TryRemove(id, out _);
        return revoked;
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
    protected abstract Task<bool> InsertAsync(StoredApiKey key, bool onlyIfNoActiveKey, CancellationToken cancellationToken);

    /// <summary>The key with this id, revoked or not.</summary>
    protected abstract Task<StoredApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks an active key revoked at <paramref name="at"/>; false when there is no active key with this id.</summary>
    protected abstract Task<bool> MarkRevokedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    private async Task<CreatedApiKey?> CreateAsync(string name, ApiKeyRole role, bool onlyIfNoActiveKey, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var info = new ApiKeyInfo(id, name, role, time.GetUtcNow(), null);
        return await InsertAsync(new StoredApiKey(info, Hash(secret)), onlyIfNoActiveKey, cancellationToken)
            ? new CreatedApiKey(info, $"crm_{id}_{secret}")
            : null;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
