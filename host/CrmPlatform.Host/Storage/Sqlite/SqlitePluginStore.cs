using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// Everything the plugin runtime keeps, in one embedded file (<c>plugins.db</c>): the catalog with
/// each plugin's package, its subscription checkpoints and dead letters, and its key-value state.
/// One file, so that uninstalling a plugin removes all of it in one transaction. Every commit waits
/// for fsync: none of this can be rebuilt from the event log.
/// </summary>
public sealed partial class SqlitePluginStore : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE plugin_catalog (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT INTO plugin_catalog (id, revision) VALUES (1, 0);
        CREATE TABLE plugins (
            id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            manifest_json TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            settings_json TEXT NOT NULL,
            installed_at TEXT NOT NULL
        );
        CREATE TABLE plugin_packages (
            plugin_id TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            package BLOB NOT NULL
        );
        CREATE TABLE plugin_checkpoints (
            plugin_id TEXT NOT NULL,
            partition INTEGER NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (plugin_id, partition)
        ) WITHOUT ROWID;
        CREATE TABLE plugin_epochs (
            plugin_id TEXT PRIMARY KEY,
            epoch INTEGER NOT NULL
        );
        CREATE TABLE plugin_dead_letters (
            plugin_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            partition INTEGER NOT NULL,
            customer_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            error TEXT NOT NULL,
            parked_at TEXT NOT NULL,
            PRIMARY KEY (plugin_id, event_id)
        );
        CREATE INDEX plugin_dead_letters_by_position ON plugin_dead_letters (plugin_id, position);
        CREATE TABLE plugin_state (
            plugin_id TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (plugin_id, key)
        ) WITHOUT ROWID;
        """,
    ];

    private readonly SqliteConnections _connections;

    /// <summary>Opens (creating if needed) the plugin store in <paramref name="path"/>.</summary>
    public SqlitePluginStore(string path)
    {
        _connections = new SqliteConnections(path);
        using var connection = _connections.OpenForWritesAsync(durable: true).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT value FROM plugin_state WHERE plugin_id = $plugin AND key = $key", pluginId, key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            INSERT INTO plugin_state (plugin_id, key, value) VALUES ($plugin, $key, $value)
            ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value
            """,
            pluginId,
            key);
        command.Parameters.AddWithValue("$value", json);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM plugin_state WHERE plugin_id = $plugin AND key = $key", pluginId, key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            SELECT key, value FROM plugin_state
            WHERE plugin_id = $plugin AND key >= $prefix AND key > $after AND ($upper IS NULL OR key < $upper)
            ORDER BY key LIMIT $limit
            """,
            pluginId);
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$after", after ?? string.Empty);
        command.Parameters.AddWithValue("$upper", (object?)StateKeyRange.UpperBound(prefix) ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var page = new List<KeyValuePair<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new KeyValuePair<string, string>(reader.GetString(0), reader.GetString(1)));
        }

        return page;
    }

    /// <summary>A command on the store's constant SQL, with <c>$plugin</c> (and <c>$key</c>, when given) bound.</summary>
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, string pluginId, string? key = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is the store's own constant text; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$plugin", pluginId);
        if (key is not null)
        {
            command.Parameters.AddWithValue("$key", key);
        }

        return command;
    }
}
