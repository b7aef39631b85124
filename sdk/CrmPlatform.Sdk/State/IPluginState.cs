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
}
