namespace CrmPlatform.Host.Plugins.State;

/// <summary>Plugins' durable key-value state, shared by every silo; values are JSON text.</summary>
public interface IPluginStateStore
{
    /// <summary>The value under a key, or null.</summary>
    Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a value, replacing what was there.</summary>
    Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default);

    /// <summary>Removes a value; false when there was none.</summary>
    Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the keys starting with <paramref name="prefix"/> and ordered by key (ordinal,
    /// byte order of UTF-8): at most <paramref name="limit"/> entries whose key sorts after
    /// <paramref name="after"/> (null for the first page).
    /// </summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default);
}
