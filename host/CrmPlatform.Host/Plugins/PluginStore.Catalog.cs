using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Plugins;

/// <summary>
/// The catalog: installed plugins, their packages, and the revision every change raises. Every
/// change writes the plugin's row before anything else and the revision row last, so concurrent
/// changes from several silos wait for each other instead of deadlocking.
/// </summary>
public sealed partial class PluginStore
{
    private const string PluginColumns = "id, version, manifest_json, enabled, settings_json, installed_at";

    /// <inheritdoc />
    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken = default) =>
        await ReadScalarAsync<long>($"SELECT revision FROM {_catalog} WHERE id = 1", null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<InstalledPlugin>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {PluginColumns} FROM {_plugins} ORDER BY id", null, ReadPlugin, cancellationToken);

    /// <inheritdoc />
    public Task<InstalledPlugin?> FindAsync(string pluginId, CancellationToken cancellationToken = default) =>
        ReadFirstAsync($"SELECT {PluginColumns} FROM {_plugins} WHERE id = @pluginId", new { pluginId }, ReadPlugin, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> ReadPackageAsync(string pluginId, string version, CancellationToken cancellationToken = default) =>
        ReadScalarAsync<byte[]>(
            $"SELECT package FROM {_packages} WHERE plugin_id = @pluginId AND version = @version", new { pluginId, version }, cancellationToken);

    /// <inheritdoc />
    public Task<InstalledPlugin> SaveAsync(InstalledPlugin plugin, byte[] package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(package);

        // An upgrade takes the new version, manifest and time, and keeps what the administrator set.
        return database.InTransactionAsync(
            async (connection, transaction) => (await database.QueryAsync(
                connection,
                transaction,
                $"""
                INSERT INTO {_plugins} ({PluginColumns}) VALUES (@Id, @Version, @ManifestJson, @Enabled, @SettingsJson, @installedAt)
                ON CONFLICT (id) DO UPDATE SET
                    version = excluded.version, manifest_json = excluded.manifest_json, installed_at = excluded.installed_at;
                INSERT INTO {_packages} (plugin_id, version, package) VALUES (@Id, @Version, @package)
                ON CONFLICT (plugin_id) DO UPDATE SET version = excluded.version, package = excluded.package;
                {RaiseRevision};
                SELECT {PluginColumns} FROM {_plugins} WHERE id = @Id;
                """,
                new { plugin.Id, plugin.Version, plugin.ManifestJson, plugin.Enabled, plugin.SettingsJson, installedAt = database.Time(plugin.InstalledAt), package },
                ReadPlugin,
                cancellationToken))[0],
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetEnabledAsync(string pluginId, bool enabled, CancellationToken cancellationToken = default) =>
        ChangeCatalogAsync($"UPDATE {_plugins} SET enabled = @enabled WHERE id = @pluginId", new { pluginId, enabled }, null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetSettingsAsync(string pluginId, string settingsJson, CancellationToken cancellationToken = default) =>
        ChangeCatalogAsync($"UPDATE {_plugins} SET settings_json = @settingsJson WHERE id = @pluginId", new { pluginId, settingsJson }, null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string pluginId, CancellationToken cancellationToken = default) =>
        ChangeCatalogAsync(
            $"DELETE FROM {_plugins} WHERE id = @pluginId",
            new { pluginId },
            // The epoch rises rather than goes: a follower (on this silo or another) that has not yet
            // noticed the removal holds the old epoch, so it cannot write a checkpoint back after it.
            $"""
            DELETE FROM {_packages} WHERE plugin_id = @pluginId;
            INSERT INTO {_epochs} (plugin_id, epoch) VALUES (@pluginId, 1) ON CONFLICT (plugin_id) DO UPDATE SET epoch = {_epochs}.epoch + 1;
            DELETE FROM {_checkpoints} WHERE plugin_id = @pluginId;
            DELETE FROM {_deadLetters} WHERE plugin_id = @pluginId;
            DELETE FROM {_state} WHERE plugin_id = @pluginId;
            """,
            cancellationToken);

    private string RaiseRevision => $"UPDATE {_catalog} SET revision = revision + 1 WHERE id = 1";

    /// <summary>
    /// In one transaction: runs <paramref name="change"/> on one plugin's row, then
    /// <paramref name="always"/> (its other rows, whether it was installed or not), then raises the
    /// revision when the change touched the row; true when it did.
    /// </summary>
    private Task<bool> ChangeCatalogAsync(string change, object parameters, string? always, CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var changed = await SqlDatabase.ExecuteAsync(connection, transaction, change, parameters, cancellationToken) == 1;
                var rest = (always ?? string.Empty) + (changed ? RaiseRevision : string.Empty);
                if (rest.Length > 0)
                {
                    await SqlDatabase.ExecuteAsync(connection, transaction, rest, parameters, cancellationToken);
                }

                return changed;
            },
            cancellationToken);

    private static InstalledPlugin ReadPlugin(SqlRow r) => new(r.Text(0), r.Text(1), r.Text(2), r.Flag(3), r.Text(4), r.Time(5));
}
