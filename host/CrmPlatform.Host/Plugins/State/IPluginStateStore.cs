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
}
