using System.Text.Json;
using CrmPlatform.Host.Import;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Import jobs, their uploaded files (in chunks) and their bad rows, in the PostgreSQL database
/// every silo shares, so any silo can run or resume a job. A runner holds a job by a lease it renews
/// with each stored batch; a job whose lease lapsed is taken over (<c>FOR UPDATE SKIP LOCKED</c>
/// keeps two silos from taking the same job at once).
/// </summary>
public sealed class PostgresImportJobStore(NpgsqlDataSource dataSource) : IImportJobStore
{
    private const string Columns =
        "id, kind, mapping_json, created_by, state, file_bytes, file_sha256, bytes_read, rows_read, imported, unchanged, failed, last_line, error, created_at, updated_at";

    /// <summary>The schema, for <c>PostgresMigrator.MigrateAsync(dataSource, "imports", Migrations)</c>.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
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

    /// <summary>Migrates the import tables on <paramref name="dataSource"/> and opens the store.</summary>
    public static async Task<PostgresImportJobStore> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await PostgresMigrator.MigrateAsync(dataSource, "imports", Migrations, cancellationToken);
        return new PostgresImportJobStore(dataSource);
    }

    /// <inheritdoc />
    public async Task CreateAsync(ImportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = Command($"INSERT INTO crm_import_jobs ({Columns}) VALUES (@id, @kind, @mapping, @createdBy, @state, @fileBytes, @sha, @bytesRead, @rowsRead, @imported, @unchanged, @failed, @lastLine, @error, @createdAt, @updatedAt)");
        Bind(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendChunkAsync(string jobId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await using var command = Command("INSERT INTO crm_import_file_chunks (job_id, chunk, data) VALUES (@id, @chunk, @data)");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("chunk", index);
        command.Parameters.AddWithValue("data", data.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadChunkAsync(string jobId, int index, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT data FROM crm_import_file_chunks WHERE job_id = @id AND chunk = @chunk");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("chunk", index);
        return (byte[]?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ImportJob?> FindAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"SELECT {Columns} FROM crm_import_jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(ImportJob job, IReadOnlyList<ImportRowError> newErrors, string? owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(newErrors);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand(
            """
            UPDATE crm_import_jobs SET state = @state, file_bytes = @fileBytes, file_sha256 = @sha, bytes_read = @bytesRead, rows_read = @rowsRead,
                imported = @imported, unchanged = @unchanged, failed = @failed, last_line = @lastLine, error = @error, updated_at = @updatedAt,
                heartbeat_at = @now
            WHERE id = @id AND (@owner IS NULL OR owner = @owner)
            """,
            connection,
            transaction))
        {
            Bind(update, job);
            update.Parameters.Add(new NpgsqlParameter("owner", NpgsqlDbType.Text) { Value = (object?)owner ?? DBNull.Value });
            update.Parameters.AddWithValue("now", now.ToUniversalTime());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        if (newErrors.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO crm_import_errors (job_id, line, errors_json)
                SELECT @id, line, errors FROM unnest(@lines, @errors) AS e(line, errors)
                ON CONFLICT DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.AddWithValue("id", job.Id);
            insert.Parameters.AddWithValue("lines", newErrors.Select(e => e.Line).ToArray());
            insert.Parameters.AddWithValue("errors", newErrors.Select(e => JsonSerializer.Serialize(e.Errors)).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (job.IsFinished)
        {
            // A finished job is never read again: its file goes with the transaction that finishes it.
            await using var delete = new NpgsqlCommand("DELETE FROM crm_import_file_chunks WHERE job_id = @id", connection, transaction);
            delete.Parameters.AddWithValue("id", job.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<ImportJob?> ClaimAsync(string owner, DateTimeOffset staleBefore, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            $"""
            UPDATE crm_import_jobs SET owner = @owner, heartbeat_at = @now, state = 'running'
            WHERE id = (
                SELECT id FROM crm_import_jobs
                WHERE state IN ('queued', 'running') AND (owner IS NULL OR owner = @owner OR heartbeat_at < @stale)
                ORDER BY created_at, id LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("stale", staleBefore == DateTimeOffset.MaxValue ? new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc) : staleBefore.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ImportRowError>> ListErrorsAsync(string jobId, long afterLine, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT line, errors_json FROM crm_import_errors WHERE job_id = @id AND line > @after ORDER BY line LIMIT @limit");
        command.Parameters.AddWithValue("id", jobId);
        command.Parameters.AddWithValue("after", afterLine);
        command.Parameters.AddWithValue("limit", limit);
        var errors = new List<ImportRowError>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new ImportRowError(reader.GetInt64(0), JsonSerializer.Deserialize<Dictionary<string, string[]>>(reader.GetString(1))!));
        }

        return errors;
    }

    private NpgsqlCommand Command(string sql)
    {
#pragma warning disable CA2100 // The SQL is the store's own constant text; values are parameters.
        return dataSource.CreateCommand(sql);
#pragma warning restore CA2100
    }

    private static void Bind(NpgsqlCommand command, ImportJob job)
    {
        var p = command.Parameters;
        p.AddWithValue("id", job.Id);
        p.AddWithValue("kind", ImportJobStates.Name(job.Kind));
        p.AddWithValue("mapping", job.MappingJson);
        p.AddWithValue("createdBy", job.CreatedBy);
        p.AddWithValue("state", ImportJobStates.Name(job.State));
        p.AddWithValue("fileBytes", job.FileBytes);
        p.Add(new NpgsqlParameter("sha", NpgsqlDbType.Text) { Value = (object?)job.FileSha256 ?? DBNull.Value });
        p.AddWithValue("bytesRead", job.BytesRead);
        p.AddWithValue("rowsRead", job.RowsRead);
        p.AddWithValue("imported", job.Imported);
        p.AddWithValue("unchanged", job.Unchanged);
        p.AddWithValue("failed", job.Failed);
        p.AddWithValue("lastLine", job.LastLine);
        p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)job.Error ?? DBNull.Value });
        p.AddWithValue("createdAt", job.CreatedAt.ToUniversalTime());
        p.AddWithValue("updatedAt", job.UpdatedAt.ToUniversalTime());
    }

    private static ImportJob Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        ImportJobStates.ParseKind(r.GetString(1)),
        r.GetString(2),
        r.GetString(3),
        ImportJobStates.ParseState(r.GetString(4)),
        r.GetInt64(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.GetInt64(7),
        r.GetInt64(8),
        r.GetInt64(9),
        r.GetInt64(10),
        r.GetInt64(11),
        r.GetInt64(12),
        r.IsDBNull(13) ? null : r.GetString(13),
        r.GetFieldValue<DateTimeOffset>(14),
        r.GetFieldValue<DateTimeOffset>(15));
}
