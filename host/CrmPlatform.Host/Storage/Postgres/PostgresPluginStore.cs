using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Everything the plugin runtime keeps, in the PostgreSQL database every silo shares: the catalog
/// (<c>crm_plugins</c>, packages, and the revision every change raises), subscription checkpoints
/// guarded by each plugin's epoch, dead letters, and plugins' key-value state. Each change is one
/// statement, so it is atomic without a client-side transaction.
/// </summary>
/// <remarks>
/// Checkpoint rows carry the epoch they were written under. A reset rewrites them under a new
/// epoch, and a write only updates a row whose epoch is not newer than its own: PostgreSQL rechecks
/// that condition on the newest version of a row it had to wait for, so a follower still holding
/// the old epoch cannot move a checkpoint past a reset that committed while it was writing.
/// </remarks>
public sealed partial class PostgresPluginStore(NpgsqlDataSource dataSource) : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    /// <summary>The schema, for <c>PostgresMigrator.MigrateAsync(dataSource, "plugins", Migrations)</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE crm_plugin_catalog (
            id int PRIMARY KEY CHECK (id = 1),
            revision bigint NOT NULL
        );
        INSERT INTO crm_plugin_catalog (id, revision) VALUES (1, 0);
        CREATE TABLE crm_plugins (
            id text COLLATE "C" PRIMARY KEY,
            version text NOT NULL,
            manifest_json text NOT NULL,
            enabled boolean NOT NULL,
            settings_json text NOT NULL,
            installed_at timestamptz NOT NULL
        );
        CREATE TABLE crm_plugin_packages (
            plugin_id text COLLATE "C" PRIMARY KEY,
            version text NOT NULL,
            package bytea NOT NULL
        );
        CREATE TABLE crm_plugin_checkpoints (
            plugin_id text COLLATE "C" NOT NULL,
            partition int NOT NULL,
            position bigint NOT NULL,
            epoch bigint NOT NULL,
            PRIMARY KEY (plugin_id, partition)
        );
        CREATE TABLE crm_plugin_epochs (
            plugin_id text COLLATE "C" PRIMARY KEY,
            epoch bigint NOT NULL
        );
        CREATE TABLE crm_plugin_dead_letters (
            plugin_id text COLLATE "C" NOT NULL,
            event_id uuid NOT NULL,
            position bigint NOT NULL,
            partition int NOT NULL,
            customer_id text NOT NULL,
            event_type text NOT NULL,
            attempts int NOT NULL,
            error text NOT NULL,
            parked_at timestamptz NOT NULL,
            PRIMARY KEY (plugin_id, event_id)
        );
        CREATE INDEX crm_plugin_dead_letters_by_position ON crm_plugin_dead_letters (plugin_id, position);
        CREATE TABLE crm_plugin_state (
            plugin_id text COLLATE "C" NOT NULL,
            key text COLLATE "C" NOT NULL,
            value text NOT NULL,
            PRIMARY KEY (plugin_id, key)
        );
        """,
    ];

    /// <inheritdoc />
    public async Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT value FROM crm_plugin_state WHERE plugin_id = @plugin AND key = @key", pluginId, key);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            """
            INSERT INTO crm_plugin_state (plugin_id, key, value) VALUES (@plugin, @key, @value)
            ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value
            """,
            pluginId,
            key);
        command.Parameters.AddWithValue("value", json);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default)
    {
        await using var command = Command("DELETE FROM crm_plugin_state WHERE plugin_id = @plugin AND key = @key", pluginId, key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            """
            SELECT key, value FROM crm_plugin_state
            WHERE plugin_id = @plugin AND key >= @prefix AND key > @after AND (@upper::text IS NULL OR key < @upper::text)
            ORDER BY key LIMIT @limit
            """,
            pluginId);
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("after", after ?? string.Empty);
        command.Parameters.Add(new NpgsqlParameter("upper", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)StateKeyRange.UpperBound(prefix) ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        var page = new List<KeyValuePair<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new KeyValuePair<string, string>(reader.GetString(0), reader.GetString(1)));
        }

        return page;
    }

    /// <summary>A command on the store's constant SQL, with <c>@plugin</c> (and <c>@key</c>, when given) bound.</summary>
    private NpgsqlCommand Command(string sql, string pluginId, string? key = null)
    {
#pragma warning disable CA2100 // The SQL is the store's own constant text; values are parameters.
        var command = dataSource.CreateCommand(sql);
#pragma warning restore CA2100
        command.Parameters.AddWithValue("plugin", pluginId);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key);
        }

        return command;
    }
}
