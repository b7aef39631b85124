namespace CrmPlatform.Host.Import;

/// <summary>The migrations of <see cref="SqlImportJobStore"/>'s tables, per backend.</summary>
internal static class SqlImportJobSchema
{
    /// <summary>
    /// The embedded file's migrations. The first stored times as Unix milliseconds; the second
    /// rewrites them as the sortable UTC text every store's times are on SQLite, seven fractional
    /// digits like new rows, so old and new rows compare and sort alike.
    /// </summary>
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        """
        CREATE TABLE import_jobs (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            mapping_json TEXT NOT NULL,
            created_by TEXT NOT NULL,
            state TEXT NOT NULL,
            file_bytes INTEGER NOT NULL,
            file_sha256 TEXT,
            bytes_read INTEGER NOT NULL,
            rows_read INTEGER NOT NULL,
            imported INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            last_line INTEGER NOT NULL,
            error TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            owner TEXT,
            heartbeat_at INTEGER
        );
        CREATE INDEX import_jobs_by_state ON import_jobs (state, created_at);
        CREATE TABLE import_file_chunks (
            job_id TEXT NOT NULL,
            chunk INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (job_id, chunk)
        ) WITHOUT ROWID;
        CREATE TABLE import_errors (
            job_id TEXT NOT NULL,
            line INTEGER NOT NULL,
            errors_json TEXT NOT NULL,
            PRIMARY KEY (job_id, line)
        ) WITHOUT ROWID;
        """,
        $"""
        CREATE TABLE import_jobs_v2 (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            mapping_json TEXT NOT NULL,
            created_by TEXT NOT NULL,
            state TEXT NOT NULL,
            file_bytes INTEGER NOT NULL,
            file_sha256 TEXT,
            bytes_read INTEGER NOT NULL,
            rows_read INTEGER NOT NULL,
            imported INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            last_line INTEGER NOT NULL,
            error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            owner TEXT,
            heartbeat_at TEXT
        );
        INSERT INTO import_jobs_v2
        SELECT id, kind, mapping_json, created_by, state, file_bytes, file_sha256, bytes_read, rows_read, imported, unchanged, failed, last_line, error,
            {TextTime("created_at")}, {TextTime("updated_at")}, owner, {TextTime("heartbeat_at")}
        FROM import_jobs;
        DROP TABLE import_jobs;
        ALTER TABLE import_jobs_v2 RENAME TO import_jobs;
        CREATE INDEX import_jobs_by_state ON import_jobs (state, created_at);
        """,
    ];

    /// <summary>The shared database's migrations (its times were always <c>timestamptz</c>).</summary>
    public static IReadOnlyList<string> Postgres { get; } =
    [
        """
        CREATE TABLE crm_import_jobs (
            id text COLLATE "C" PRIMARY KEY,
            kind text NOT NULL,
            mapping_json text NOT NULL,
            created_by text NOT NULL,
            state text NOT NULL,
            file_bytes bigint NOT NULL,
            file_sha256 text,
            bytes_read bigint NOT NULL,
            rows_read bigint NOT NULL,
            imported bigint NOT NULL,
            unchanged bigint NOT NULL,
            failed bigint NOT NULL,
            last_line bigint NOT NULL,
            error text,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            owner text,
            heartbeat_at timestamptz
        );
        CREATE INDEX crm_import_jobs_by_state ON crm_import_jobs (state, created_at);
        CREATE TABLE crm_import_file_chunks (
            job_id text COLLATE "C" NOT NULL,
            chunk int NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (job_id, chunk)
        );
        CREATE TABLE crm_import_errors (
            job_id text COLLATE "C" NOT NULL,
            line bigint NOT NULL,
            errors_json text NOT NULL,
            PRIMARY KEY (job_id, line)
        );
        """,
    ];

    // Unix milliseconds as 2025-03-01T09:00:00.1230000Z; an empty time stays empty.
    private static string TextTime(string column) =>
        $"strftime('%Y-%m-%dT%H:%M:%S', {column} / 1000, 'unixepoch') || printf('.%03d0000Z', {column} % 1000)";
}
