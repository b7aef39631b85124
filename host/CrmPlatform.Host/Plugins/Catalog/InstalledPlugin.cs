namespace CrmPlatform.Host.Plugins.Catalog;

/// <summary>A plugin as the catalog stores it.</summary>
/// <param name="Id">The plugin id from its manifest.</param>
/// <param name="Version">The installed version.</param>
/// <param name="ManifestJson">The package's <c>plugin.json</c>, as installed.</param>
/// <param name="Enabled">False while an administrator has the plugin disabled.</param>
/// <param name="SettingsJson">Its settings as a JSON object (<c>{}</c> when never set).</param>
/// <param name="InstalledAt">When this version was installed.</param>
public sealed record InstalledPlugin(
    string Id,
    string Version,
    string ManifestJson,
    bool Enabled,
    string SettingsJson,
    DateTimeOffset InstalledAt);
