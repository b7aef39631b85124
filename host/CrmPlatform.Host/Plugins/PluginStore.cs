using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Plugins;

/// <summary>
/// Everything the plugin runtime keeps — the catalog with each plugin's package, its subscription
/// checkpoints (guarded by the plugin's epoch) and dead letters, and its key-value state — in one
/// component (<see cref="Schema"/>): an embedded file of its own, or the PostgreSQL database every
/// silo shares. One store, so that uninstalling a plugin removes all of it in one transaction.
/// </summary>
/// <remarks>
/// Checkpoint rows carry the epoch they were written under. A reset rewrites them under a new
/// epoch, and a write only updates a row whose epoch is not newer than its own: PostgreSQL rechecks
/// that condition on the newest version of a row it had to wait for, so a follower still holding
/// the old epoch cannot move a checkpoint past a reset that committed while it was writing. SQLite
/// runs one write at a time, so there each conditional statement is atomic anyway.
/// </remarks>
public sealed partial class PluginStore(SqlDatabase database) : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    // Every table is named as on SQLite, with crm_ in front on PostgreSQL.
    private readonly string _catalog = database.Pick("plugin_catalog", "crm_plugin_catalog");
    private readonly string _plugins = database.Pick("plugins", "crm_plugins");
    private readonly string _packages = database.Pick("plugin_packages", "crm_plugin_packages");
    private readonly string _checkpoints = database.Pick("plugin_checkpoints", "crm_plugin_checkpoints");
    private readonly string _epochs = database.Pick("plugin_epochs", "crm_plugin_epochs");
    private readonly string _deadLetters = database.Pick("plugin_dead_letters", "crm_plugin_dead_letters");
    private readonly string _state = database.Pick("plugin_state", "crm_plugin_state");

    /// <inheritdoc />
    public Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default) =>
        ReadScalarAsync<string>($"SELECT value FROM {_state} WHERE plugin_id = @pluginId AND key = @key", new { pluginId, key }, cancellationToken);

    /// <inheritdoc />
    public Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            $"""
            INSERT INTO {_state} (plugin_id, key, value) VALUES (@pluginId, @key, @json)
            ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value
            """,
            new { pluginId, key, json },
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync($"DELETE FROM {_state} WHERE plugin_id = @pluginId AND key = @key", new { pluginId, key }, cancellationToken) == 1;

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(
        string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            $"""
            SELECT key, value FROM {_state}
            WHERE plugin_id = @pluginId AND key >= @prefix AND key > @after AND (@upper IS NULL OR key < @upper)
            ORDER BY key LIMIT @limit
            """,
            new { pluginId, prefix, after = after ?? string.Empty, upper = StateKeyRange.UpperBound(prefix), limit },
            r => new KeyValuePair<string, string>(r.Text(0), r.Text(1)),
            cancellationToken);

    /// <summary>Runs a query on a connection that only reads.</summary>
    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, object? parameters, Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        return await database.QueryAsync(connection, null, sql, parameters, map, cancellationToken);
    }

    /// <summary>Runs a query on a connection that only reads and maps its first row; the default when there is none.</summary>
    private async Task<T?> ReadFirstAsync<T>(string sql, object? parameters, Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(sql, parameters, map, cancellationToken);
        return rows.Count > 0 ? rows[0] : default;
    }

    /// <summary>Runs a query for one value on a connection that only reads.</summary>
    private async Task<T?> ReadScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        return await SqlDatabase.ScalarAsync<T>(connection, null, sql, parameters, cancellationToken);
    }
}
