using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Plugins;

/// <summary>The plugin store's tables on each backend.</summary>
public sealed partial class PluginStore
{
    /// <summary>
    /// The catalog, packages, checkpoints, epochs, dead letters and state — one component, so that
    /// uninstalling a plugin removes all of it in one transaction. Nothing here can be rebuilt from
    /// the event log, so the embedded file waits for fsync (checkpoints excepted, see
    /// <see cref="WriteCheckpointAsync"/>).
    /// </summary>
    public static SchemaComponent Schema { get; } = new(
        "plugins",
        "plugins.db",
        Sqlite:
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
            // Checkpoints carry the epoch they were written under, as on PostgreSQL, so both backends
            // run the same statements. Rows written before have epoch 0: any later write may move them.
            "ALTER TABLE plugin_checkpoints ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;",
        ],
        Postgres:
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
            // The same column as on SQLite: a default, which no statement relies on.
            "ALTER TABLE crm_plugin_checkpoints ALTER COLUMN epoch SET DEFAULT 0;",
        ]);
}
