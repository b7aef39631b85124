using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Settings;
using CrmPlatform.Sdk.Plugins;
using NuGet.Versioning;

namespace CrmPlatform.Host.Plugins.Runtime;

/// <summary>
/// Installs, upgrades, configures and removes plugins: checks a package completely (manifest, and
/// a trial load of its assemblies) before anything is stored, stores it in the shared catalog,
/// and brings this silo in step at once; the other silos follow within their reconcile interval.
/// </summary>
public sealed class PluginInstaller(IPluginCatalogStore catalog, PluginRegistry registry, PluginComposer composer, TimeProvider time)
{
    /// <summary>Installs a new plugin (<paramref name="upgrade"/> false) or replaces the installed version of one (true).</summary>
    /// <exception cref="PluginRefusedException">The package is invalid or does not load.</exception>
    /// <exception cref="PluginConflictException">The id is taken (install) or not installed (upgrade), or this version is already installed.</exception>
    public async Task<InstalledPlugin> InstallAsync(byte[] package, bool upgrade, string? expectedId = null, bool enabled = true, CancellationToken cancellationToken = default)
    {
        var manifestJson = PluginPackage.ReadManifestJson(package);
        var manifest = ManifestReader.Read(manifestJson);
        if (expectedId is not null && manifest.Id != expectedId)
        {
            throw new PluginRefusedException(
                $"The package is plugin '{manifest.Id}', not '{expectedId}'.",
                new Dictionary<string, string[]> { ["manifest.id"] = [$"Must be '{expectedId}' to upgrade that plugin."] });
        }

        var existing = await catalog.FindAsync(manifest.Id, cancellationToken);
        if (!upgrade && existing is not null)
        {
            throw new PluginConflictException(existing.Version == manifest.Version
                ? $"Plugin '{manifest.Id}' {manifest.Version} is already installed."
                : $"A plugin with the id '{manifest.Id}' is already installed (version {existing.Version}); upgrade it with PUT /api/plugins/{manifest.Id}.");
        }

        if (upgrade && existing is null)
        {
            throw new PluginNotInstalledException($"Plugin '{manifest.Id}' is not installed; install it with POST /api/plugins.");
        }

        if (upgrade && existing!.Version == manifest.Version)
        {
            throw new PluginConflictException($"Plugin '{manifest.Id}' {manifest.Version} is already installed.");
        }

        TrialLoad(package, manifest, existing?.SettingsJson ?? "{}");
        var stored = await catalog.SaveAsync(
            new InstalledPlugin(manifest.Id, manifest.Version, manifestJson, enabled, "{}", time.GetUtcNow()),
            package,
            cancellationToken);
        await registry.ReconcileAsync(force: true, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Installs the plugin in a folder (for example a publish folder), or upgrades to it when it is
    /// newer than the installed version; null when it is not newer. A new install is enabled when <paramref name="enabled"/>
    /// says so; an upgrade keeps the plugin's enabled flag.
    /// </summary>
    public async Task<InstalledPlugin?> InstallFolderAsync(string folder, bool enabled = true, CancellationToken cancellationToken = default)
    {
        var package = PluginPackage.FromFolder(folder);
        var manifest = PluginPackage.ReadManifest(package);
        var existing = await catalog.FindAsync(manifest.Id, cancellationToken);
        // Only a newer version replaces what is installed: an administrator's upgrade through the API
        // must survive the next restart of a host that still ships the older folder.
        return existing is not null && NuGetVersion.Parse(existing.Version) >= NuGetVersion.Parse(manifest.Version)
            ? null
            : await InstallAsync(package, upgrade: existing is not null, enabled: enabled, cancellationToken: cancellationToken);
    }

    /// <summary>Enables or disables a plugin; false when it is not installed.</summary>
    public async Task<bool> SetEnabledAsync(string pluginId, bool enabled, CancellationToken cancellationToken = default)
    {
        var changed = await catalog.SetEnabledAsync(pluginId, enabled, cancellationToken);
        await registry.ReconcileAsync(force: true, cancellationToken);
        return changed;
    }

    /// <summary>Validates and stores new settings; the errors name the fields. Secrets sent back masked keep their stored value.</summary>
    public async Task<bool> SetSettingsAsync(string pluginId, string json, FieldErrors errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var installed = await catalog.FindAsync(pluginId, cancellationToken)
            ?? throw new PluginNotInstalledException($"Plugin '{pluginId}' is not installed.");
        if (registry.Find(pluginId)?.Current?.Settings is not { } schema)
        {
            errors.Add("settings", "The plugin declares no settings (or is not loaded on this silo).");
            return false;
        }

        var restored = schema.RestoreMaskedSecrets(json, installed.SettingsJson, errors);
        if (errors.IsEmpty)
        {
            schema.Parse(restored, errors);
        }

        if (!errors.IsEmpty)
        {
            return false;
        }

        await catalog.SetSettingsAsync(pluginId, restored, cancellationToken);
        await registry.ReconcileAsync(force: true, cancellationToken);
        return true;
    }

    /// <summary>Uninstalls a plugin; false when it was not installed.</summary>
    public async Task<bool> UninstallAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        var removed = await catalog.RemoveAsync(pluginId, cancellationToken);
        await registry.ReconcileAsync(force: true, cancellationToken);
        return removed;
    }

    private void TrialLoad(byte[] package, PluginManifest manifest, string settingsJson)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"crm-plugin-check-{Guid.NewGuid():N}");
        try
        {
            PluginPackage.Extract(package, folder);
            var loaded = composer.Load(folder, manifest, settingsJson);
            loaded.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
