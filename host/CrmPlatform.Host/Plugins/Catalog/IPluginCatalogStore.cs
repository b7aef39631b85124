namespace CrmPlatform.Host.Plugins.Catalog;

/// <summary>
/// The installed plugins, shared by every silo: each silo loads what this store holds. Every change
/// raises the catalog's revision, so a silo learns that it must reconcile by reading one number.
/// </summary>
public interface IPluginCatalogStore
{
    /// <summary>A number that grows with every change to the catalog; 0 for a new, empty store.</summary>
    Task<long> GetRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>Every installed plugin, by id, without packages.</summary>
    Task<IReadOnlyList<InstalledPlugin>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One installed plugin, or null.</summary>
    Task<InstalledPlugin?> FindAsync(string pluginId, CancellationToken cancellationToken = default);

    /// <summary>The package (a zip) of an installed plugin at a version, or null when that is not installed.</summary>
    Task<byte[]?> ReadPackageAsync(string pluginId, string version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Installs a plugin, or replaces the installed version of it (an upgrade or a downgrade), keeping
    /// its enabled flag, settings, state and subscription checkpoints. The stored row takes
    /// <paramref name="plugin"/>'s manifest, version and install time; a new install also takes its
    /// enabled flag and settings.
    /// </summary>
    /// <returns>The stored plugin.</returns>
    Task<InstalledPlugin> SaveAsync(InstalledPlugin plugin, byte[] package, CancellationToken cancellationToken = default);

    /// <summary>Enables or disables a plugin; false when it is not installed.</summary>
    Task<bool> SetEnabledAsync(string pluginId, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Replaces a plugin's settings (JSON); false when it is not installed.</summary>
    Task<bool> SetSettingsAsync(string pluginId, string settingsJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uninstalls a plugin, removing its package, settings, state, checkpoints and dead letters in one
    /// transaction, and raising its checkpoint epoch so that followers that have not noticed yet
    /// cannot write checkpoints back; false when it was not installed.
    /// </summary>
    Task<bool> RemoveAsync(string pluginId, CancellationToken cancellationToken = default);
}
