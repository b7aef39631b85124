namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>The SQL of the PostgreSQL event log: its schema and every statement it runs.</summary>
internal static class PostgresLogSql
{
    /// <summary>
    /// The channel of <c>NOTIFY</c>: each group commit announces the new head on it.
    /// </summary>
    public const string Channel = "crm_events";

    /// <summary>
    /// The key of the cluster-wide advisory lock every batch takes before inserting ("crm_evts").
    /// Holding it from before the first position is drawn until commit makes positions commit in
    /// order across all silos: a reader that sees position P sees every committed position below P.
    /// </summary>
    public const long AppendLockKey = 0x63726d5f65767473;

    // Times: timestamptz keeps microseconds, .NET keeps 100 ns ticks. The *_100ns columns hold the
    // remaining tick (0–9), so an envelope reads back exactly as it was written: a grain replaying
    // its stream after a restart rebuilds the very view it had before, and the columns stay plain,
    // queryable timestamps.
    public const string Schema =
        """
        CREATE TABLE crm_events (
            position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id uuid NOT NULL UNIQUE,
            customer_id text NOT NULL,
            sequence bigint NOT NULL,
            partition int NOT NULL,
            type text NOT NULL,
            data jsonb NOT NULL,
            occurred_at timestamptz NOT NULL,
            occurred_at_100ns smallint NOT NULL DEFAULT 0 CHECK (occurred_at_100ns BETWEEN 0 AND 9),
            recorded_at timestamptz NOT NULL,
            recorded_at_100ns smallint NOT NULL DEFAULT 0 CHECK (recorded_at_100ns BETWEEN 0 AND 9),
            actor text NOT NULL,
            correlation_id text,
            idempotency_key text,
            UNIQUE (customer_id, sequence)
        );
        CREATE INDEX crm_events_by_partition ON crm_events (partition, position);
        CREATE TABLE crm_event_log_settings (name text PRIMARY KEY, value text NOT NULL);
        """;

    /// <summary>
    /// Streams of several kinds: every existing row is a customer's own stream, and a stream's
    /// sequence is unique per (kind, id). customer_id now holds the stream's owning customer ('' for
    /// a stream that has none); the partition follows it.
    /// </summary>
    public const string Streams =
        """
        ALTER TABLE crm_events ADD COLUMN stream_kind text NOT NULL DEFAULT 'customer', ADD COLUMN stream_id text;
        UPDATE crm_events SET stream_id = customer_id;
        ALTER TABLE crm_events ALTER COLUMN stream_id SET NOT NULL, ALTER COLUMN stream_kind DROP DEFAULT;
        ALTER TABLE crm_events ADD CONSTRAINT crm_events_stream_sequence UNIQUE (stream_kind, stream_id, sequence);
        ALTER TABLE crm_events DROP CONSTRAINT crm_events_customer_id_sequence_key;
        """;

    public const string Columns =
        "position, event_id, customer_id, sequence, type, data, occurred_at, occurred_at_100ns, recorded_at, recorded_at_100ns, " +
        "actor, correlation_id, idempotency_key, stream_kind, stream_id";

    private const string InsertColumns =
        "event_id, customer_id, sequence, partition, type, data, occurred_at, occurred_at_100ns, recorded_at, recorded_at_100ns, " +
        "actor, correlation_id, idempotency_key, stream_kind, stream_id";

    /// <summary>Stores the partition count unless one is stored (run with <see cref="ReadPartitionCount"/> after it, in one batch).</summary>
    public const string FixPartitionCount =
        "INSERT INTO crm_event_log_settings (name, value) VALUES ('partition_count', $1) ON CONFLICT (name) DO NOTHING";

    public const string ReadPartitionCount = "SELECT value FROM crm_event_log_settings WHERE name = 'partition_count'";

    public const string Head = "SELECT COALESCE(MAX(position), 0) FROM crm_events";

    public const string Lock = "SELECT pg_advisory_xact_lock($1)";

    /// <summary>The last sequence of each given stream, kinds in $1 and ids in $2 (0 when empty): one backward index probe per stream.</summary>
    public const string LastSequences =
        """
        SELECT s.stream_kind, s.stream_id,
               COALESCE((SELECT e.sequence FROM crm_events e
                         WHERE e.stream_kind = s.stream_kind AND e.stream_id = s.stream_id
                         ORDER BY e.sequence DESC LIMIT 1), 0)
        FROM unnest($1, $2) AS s(stream_kind, stream_id)
        """;

    /// <summary>Inserts column arrays in array order (positions follow it), returning each event's position.</summary>
    public const string Insert =
        $"""
        INSERT INTO crm_events ({InsertColumns})
        SELECT {InsertColumns}
        FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) WITH ORDINALITY
            AS e({InsertColumns}, ord)
        ORDER BY ord
        RETURNING event_id, position
        """;

    /// <summary>Where the given event ids are (for recognising retries).</summary>
    public const string Find = "SELECT event_id, stream_kind, stream_id, sequence, position FROM crm_events WHERE event_id = ANY($1)";

    /// <summary>Announces the head; delivered to listeners when the transaction commits.</summary>
    public const string Notify = $"SELECT pg_notify('{Channel}', (SELECT COALESCE(MAX(position), 0) FROM crm_events)::text)";

    public const string ReadStream =
        $"SELECT {Columns} FROM crm_events WHERE stream_kind = $1 AND stream_id = $2 AND sequence >= $3 ORDER BY sequence";

    public const string ReadStreamBackward =
        $"SELECT {Columns} FROM crm_events WHERE stream_kind = $1 AND stream_id = $2 AND sequence < $3 ORDER BY sequence DESC LIMIT $4";

    public const string ReadAll =
        $"SELECT {Columns} FROM crm_events WHERE position > $1 ORDER BY position LIMIT $2";

    public const string ReadPartition =
        $"SELECT {Columns} FROM crm_events WHERE partition = $3 AND position > $1 ORDER BY position LIMIT $2";

    /// <summary>How many events follow a position: a range of the primary key.</summary>
    public const string CountAfter = "SELECT count(*) FROM crm_events WHERE position > $1";

    /// <summary>How many events of a partition follow a position: a range of <c>crm_events_by_partition</c>.</summary>
    public const string CountPartitionAfter = "SELECT count(*) FROM crm_events WHERE partition = $2 AND position > $1";
}
