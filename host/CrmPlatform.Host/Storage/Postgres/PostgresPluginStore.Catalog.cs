using CrmPlatform.Host.Plugins.Catalog;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The catalog. Every change locks the plugin's row before anything else (the revision row last),
/// so concurrent changes from several silos wait for each other instead of deadlocking.
/// </summary>
public sealed partial class PostgresPluginStore
{
    private const string PluginColumns = "id, version, manifest_json, enabled, settings_json, installed_at";

    private const string RaiseRevisionIfAny = "UPDATE crm_plugin_catalog SET revision = revision + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM changed)";

    /// <inheritdoc />
    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT revision FROM crm_plugin_catalog WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InstalledPlugin>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {PluginColumns} FROM crm_plugins ORDER BY id");
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
        await using var command = Command($"SELECT {PluginColumns} FROM crm_plugins WHERE id = @plugin", pluginId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPlugin(reader) : null;
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadPackageAsync(string pluginId, string version, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT package FROM crm_plugin_packages WHERE plugin_id = @plugin AND version = @version", pluginId);
        command.Parameters.AddWithValue("version", version);
        return (byte[]?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<InstalledPlugin> SaveAsync(InstalledPlugin plugin, byte[] package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(package);

        // One statement: the plugin's row (an upgrade keeps what the administrator set), its package, the revision.
        await using var command = Command(
            $"""
            WITH changed AS (
                INSERT INTO crm_plugins ({PluginColumns}) VALUES (@plugin, @version, @manifest, @enabled, @settings, @installed)
                ON CONFLICT (id) DO UPDATE SET
                    version = excluded.version, manifest_json = excluded.manifest_json, installed_at = excluded.installed_at
                RETURNING {PluginColumns}
            ), package AS (
                INSERT INTO crm_plugin_packages (plugin_id, version, package)
                SELECT id, version, @package FROM changed
                ON CONFLICT (plugin_id) DO UPDATE SET version = excluded.version, package = excluded.package
            ), revision AS (
                {RaiseRevisionIfAny}
            )
            SELECT {PluginColumns} FROM changed
            """,
            plugin.Id);
        command.Parameters.AddWithValue("version", plugin.Version);
        command.Parameters.AddWithValue("manifest", plugin.ManifestJson);
        command.Parameters.AddWithValue("enabled", plugin.Enabled);
        command.Parameters.AddWithValue("settings", plugin.SettingsJson);
        command.Parameters.AddWithValue("installed", plugin.InstalledAt.UtcDateTime);
        command.Parameters.AddWithValue("package", package);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadPlugin(reader);
    }

    /// <inheritdoc />
    public Task<bool> SetEnabledAsync(string pluginId, bool enabled, CancellationToken cancellationToken = default) =>
        UpdatePluginAsync(pluginId, "enabled", enabled, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetSettingsAsync(string pluginId, string settingsJson, CancellationToken cancellationToken = default) =>
        UpdatePluginAsync(pluginId, "settings_json", settingsJson, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var remove = new NpgsqlBatchCommand(
            $"WITH changed AS (DELETE FROM crm_plugins WHERE id = $1 RETURNING id) {RaiseRevisionIfAny}");
        batch.BatchCommands.Add(remove);
        foreach (var sql in new[]
        {
            "DELETE FROM crm_plugin_packages WHERE plugin_id = $1",
            // The epoch rises rather than goes: a follower on another silo that has not yet noticed the
            // removal holds the old epoch, so it cannot write a checkpoint back after the removal.
            "INSERT INTO crm_plugin_epochs AS e (plugin_id, epoch) VALUES ($1, 1) ON CONFLICT (plugin_id) DO UPDATE SET epoch = e.epoch + 1",
            "DELETE FROM crm_plugin_checkpoints WHERE plugin_id = $1",
            "DELETE FROM crm_plugin_dead_letters WHERE plugin_id = $1",
            "DELETE FROM crm_plugin_state WHERE plugin_id = $1",
        })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = pluginId });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return remove.RecordsAffected == 1;
    }

    private async Task<bool> UpdatePluginAsync(string pluginId, string column, object value, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"WITH changed AS (UPDATE crm_plugins SET {column} = @value WHERE id = @plugin RETURNING id) {RaiseRevisionIfAny}",
            pluginId);
        command.Parameters.AddWithValue("value", value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static InstalledPlugin ReadPlugin(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetBoolean(3),
        r.GetString(4),
        r.GetFieldValue<DateTimeOffset>(5));
}
