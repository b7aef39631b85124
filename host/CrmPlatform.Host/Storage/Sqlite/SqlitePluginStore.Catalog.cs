using CrmPlatform.Host.Plugins.Catalog;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>The catalog: installed plugins, their packages, and the revision every change raises.</summary>
public sealed partial class SqlitePluginStore
{
    private const string PluginColumns = "id, version, manifest_json, enabled, settings_json, installed_at";

    /// <inheritdoc />
    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision FROM plugin_catalog WHERE id = 1";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstalledPlugin>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PluginColumns} FROM plugins ORDER BY id";
        var plugins = new List<InstalledPlugin>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plugins.Add(ReadPlugin(reader));
        }

        return plugins;
    }

    /// <inheritdoc />
    public async Task<InstalledPlugin?> FindAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {PluginColumns} FROM plugins WHERE id = $plugin", pluginId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPlugin(reader) : null;
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadPackageAsync(string pluginId, string version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT package FROM plugin_packages WHERE plugin_id = $plugin AND version = $version", pluginId);
        command.Parameters.AddWithValue("$version", version);
        return (byte[]?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<InstalledPlugin> SaveAsync(InstalledPlugin plugin, byte[] package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(package);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var transaction = connection.BeginTransaction();

        // An upgrade takes the new version, manifest and time, and keeps what the administrator set.
        await using var command = Command(
            connection,
            transaction,
            $"""
            INSERT INTO plugins ({PluginColumns}) VALUES ($plugin, $version, $manifest, $enabled, $settings, $installed)
            ON CONFLICT (id) DO UPDATE SET
                version = excluded.version, manifest_json = excluded.manifest_json, installed_at = excluded.installed_at;
            INSERT INTO plugin_packages (plugin_id, version, package) VALUES ($plugin, $version, $package)
            ON CONFLICT (plugin_id) DO UPDATE SET version = excluded.version, package = excluded.package;
            UPDATE plugin_catalog SET revision = revision + 1 WHERE id = 1;
            SELECT {PluginColumns} FROM plugins WHERE id = $plugin;
            """,
            plugin.Id);
        command.Parameters.AddWithValue("$version", plugin.Version);
        command.Parameters.AddWithValue("$manifest", plugin.ManifestJson);
        command.Parameters.AddWithValue("$enabled", plugin.Enabled);
        command.Parameters.AddWithValue("$settings", plugin.SettingsJson);
        command.Parameters.AddWithValue("$installed", EventRows.FormatTime(plugin.InstalledAt));
        command.Parameters.AddWithValue("$package", package);
        InstalledPlugin stored;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            stored = ReadPlugin(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <inheritdoc />
    public Task<bool> SetEnabledAsync(string pluginId, bool enabled, CancellationToken cancellationToken = default) =>
        UpdatePluginAsync(pluginId, "UPDATE plugins SET enabled = $value WHERE id = $plugin", enabled, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetSettingsAsync(string pluginId, string settingsJson, CancellationToken cancellationToken = default) =>
        UpdatePluginAsync(pluginId, "UPDATE plugins SET settings_json = $value WHERE id = $plugin", settingsJson, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var transaction = connection.BeginTransaction();
        // The epoch rises rather than goes: a follower that has not yet noticed the removal holds the
        // old epoch, so it cannot write a checkpoint back after the removal.
        await using (var others = Command(
            connection,
            transaction,
            """
            DELETE FROM plugin_packages WHERE plugin_id = $plugin;
            DELETE FROM plugin_checkpoints WHERE plugin_id = $plugin;
            INSERT INTO plugin_epochs (plugin_id, epoch) VALUES ($plugin, 1) ON CONFLICT (plugin_id) DO UPDATE SET epoch = epoch + 1;
            DELETE FROM plugin_dead_letters WHERE plugin_id = $plugin;
            DELETE FROM plugin_state WHERE plugin_id = $plugin;
            """,
            pluginId))
        {
            await others.ExecuteNonQueryAsync(cancellationToken);
        }

        var removed = await ChangeCatalogAsync(connection, transaction, "DELETE FROM plugins WHERE id = $plugin", pluginId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private async Task<bool> UpdatePluginAsync(string pluginId, string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var changed = await ChangeCatalogAsync(connection, transaction, sql, pluginId, value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Runs a statement on one plugin's row and, when it touched the row, raises the revision.</summary>
    private static async Task<bool> ChangeCatalogAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string pluginId, object? value, CancellationToken cancellationToken)
    {
        await using var change = Command(connection, transaction, sql, pluginId);
        if (value is not null)
        {
            change.Parameters.AddWithValue("$value", value);
        }

        if (await change.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await SqliteConnections.ExecuteAsync(
            connection, "UPDATE plugin_catalog SET revision = revision + 1 WHERE id = 1", transaction, cancellationToken);
        return true;
    }

    private static InstalledPlugin ReadPlugin(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetBoolean(3),
        r.GetString(4),
        EventRows.ParseTime(r.GetString(5)));
}
