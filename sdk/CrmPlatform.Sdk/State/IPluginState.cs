namespace CrmPlatform.Sdk.State;

/// <summary>
/// Durable key-value storage of the plugin's own, shared by every silo. Values are stored as JSON.
/// Removed when the plugin is uninstalled; kept across upgrades.
/// </summary>
public interface IPluginState
{
    /// <summary>The value stored under <paramref name="key"/>, or default when there is none.</summary>
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task SetAsync<T>(string key, T value, CancellationToken cancellationToken = default);

    /// <summary>Removes the value under <paramref name="key"/>; false when there was none.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every value whose key starts with <paramref name="prefix"/> (an empty prefix lists them all),
    /// ordered by key (ordinal). The values are read from the store a page at a time while the
    /// caller enumerates, so listing many keys never holds them all in memory; a key written or
    /// removed during the enumeration may or may not be seen.
    /// </summary>
    IAsyncEnumerable<KeyValuePair<string, T>> ListAsync<T>(string prefix, CancellationToken cancellationToken = default);
}
