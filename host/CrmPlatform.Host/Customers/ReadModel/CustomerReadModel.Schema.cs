using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>The read model's tables: <c>customers</c>, the checkpoints, the report facts and the parked events.</summary>
public sealed partial class CustomerReadModel
{
    /// <summary>
    /// The read model's tables in each dialect. Ids sort bytewise (<c>COLLATE "C"</c> on PostgreSQL,
    /// as in SQLite). Its file needs no fsync per batch: the read model can always be rebuilt from the
    /// log, and its checkpoint commits with its rows.
    /// </summary>
    public static SchemaComponent Schema { get; } = new(
        "read-model",
        "readmodel.db",
        Sqlite:
        [
            """
            CREATE TABLE customers (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                first_name TEXT, last_name TEXT, organisation_name TEXT, company TEXT,
                display_name TEXT NOT NULL,
                primary_email TEXT, primary_phone TEXT,
                stage TEXT NOT NULL, stage_changed_at TEXT NOT NULL,
                tier TEXT,
                revenue REAL NOT NULL,
                order_count INTEGER NOT NULL,
                last_order_at TEXT, last_activity_at TEXT,
                tags TEXT NOT NULL,
                owner TEXT,
                registered_at TEXT NOT NULL,
                version INTEGER NOT NULL,
                search_text TEXT NOT NULL
            );
            CREATE INDEX customers_by_stage ON customers (stage, id);
            CREATE INDEX customers_by_tier ON customers (tier, id);
            CREATE INDEX customers_by_owner ON customers (owner, id);
            CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
            """,
            // The report tables came after the customers table: the migration rewinds the projector's
            // checkpoint so that it replays the log once and fills them (rows skip events already seen).
            $"""
            CREATE TABLE stage_changes (
                customer_id TEXT NOT NULL, version INTEGER NOT NULL, stage TEXT NOT NULL, changed_at TEXT NOT NULL,
                PRIMARY KEY (customer_id, version));
            CREATE INDEX stage_changes_by_stage ON stage_changes (stage, customer_id);
            CREATE TABLE insights (
                customer_id TEXT NOT NULL, name TEXT NOT NULL, value REAL, label TEXT, source TEXT NOT NULL,
                updated_at TEXT NOT NULL, version INTEGER NOT NULL,
                PRIMARY KEY (customer_id, name));
            CREATE INDEX insights_by_name ON insights (name, customer_id);
            UPDATE checkpoints SET position = 0 WHERE name = '{ReadModelProjector.CheckpointName}';
            """,
            """
            CREATE INDEX customers_by_email ON customers (lower(primary_email));
            CREATE INDEX customers_by_phone ON customers (primary_phone);
            """,
            """
            CREATE TABLE parked_events (
                position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, customer_id TEXT NOT NULL, event_type TEXT NOT NULL,
                error TEXT NOT NULL, attempts INTEGER NOT NULL, parked_at TEXT NOT NULL);
            """,
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_customers (
                id text COLLATE "C" PRIMARY KEY,
                kind text NOT NULL,
                first_name text, last_name text, organisation_name text, company text,
                display_name text NOT NULL,
                primary_email text, primary_phone text,
                stage text NOT NULL, stage_changed_at timestamptz NOT NULL,
                tier text,
                revenue numeric NOT NULL,
                order_count integer NOT NULL,
                last_order_at timestamptz, last_activity_at timestamptz,
                tags text[] NOT NULL,
                owner text,
                registered_at timestamptz NOT NULL,
                version bigint NOT NULL,
                search_text text NOT NULL
            );
            CREATE INDEX crm_customers_by_stage ON crm_customers (stage, id);
            CREATE INDEX crm_customers_by_tier ON crm_customers (tier, id);
            CREATE INDEX crm_customers_by_owner ON crm_customers (owner, id);
            CREATE INDEX crm_customers_by_tag ON crm_customers USING gin (tags);
            CREATE INDEX crm_customers_due ON crm_customers ((GREATEST(stage_changed_at, last_order_at)))
                WHERE stage IN ('growth', 'maturity');
            CREATE TABLE crm_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
            """,
            $"""
            CREATE TABLE crm_stage_changes (
                customer_id text COLLATE "C" NOT NULL, version bigint NOT NULL, stage text NOT NULL, changed_at timestamptz NOT NULL,
                PRIMARY KEY (customer_id, version));
            CREATE INDEX crm_stage_changes_by_stage ON crm_stage_changes (stage, customer_id);
            CREATE TABLE crm_insights (
                customer_id text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, value double precision, label text,
                source text NOT NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL,
                PRIMARY KEY (customer_id, name));
            CREATE INDEX crm_insights_by_name ON crm_insights (name, customer_id);
            UPDATE crm_checkpoints SET position = 0 WHERE name = '{ReadModelProjector.CheckpointName}';
            """,
            """
            CREATE INDEX crm_customers_by_email ON crm_customers (lower(primary_email));
            CREATE INDEX crm_customers_by_phone ON crm_customers (primary_phone);
            """,
            """
            CREATE TABLE crm_parked_events (
                position bigint PRIMARY KEY, event_id text NOT NULL, customer_id text COLLATE "C" NOT NULL, event_type text NOT NULL,
                error text NOT NULL, attempts integer NOT NULL, parked_at timestamptz NOT NULL);
            """,
        ])
    {
        Durable = false,
    };
}
