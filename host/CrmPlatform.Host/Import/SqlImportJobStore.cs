using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Storage;
using Dapper;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Import jobs, their uploaded files (in chunks) and their bad rows: in an embedded file of their
/// own (<c>imports.db</c>), or in the PostgreSQL database every silo shares, so any silo can run or
/// resume a job. A runner holds a job by a lease it renews with each stored batch; a job whose lease
/// lapsed is taken over. Every commit is durable: a job's progress is what a restarted process
/// resumes from.
/// </summary>
public sealed class SqlImportJobStore(SqlDatabase database) : IImportJobStore
{
    private const string Columns =
        "id, kind, mapping_json, created_by, state, file_bytes, file_sha256, bytes_read, rows_read, imported, unchanged, failed, last_line, error, created_at, updated_at";

    // Two parameters a row plus the job id stays far below both backends' parameter limits.
    private const int ErrorsPerStatement = 500;

    // A lease renewed "before the end of time" is every lease; both backends store this instant.
    private static readonly DateTimeOffset EndOfTime = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The job, file-chunk and error tables.</summary>
    public static SchemaComponent Schema { get; } = new(
        "imports",
        "imports.db",
        Sqlite: SqlImportJobSchema.Sqlite,
        Postgres: SqlImportJobSchema.Postgres);

    private readonly string _jobs = database.Pick("import_jobs", "crm_import_jobs");
    private readonly string _chunks = database.Pick("import_file_chunks", "crm_import_file_chunks");
    private readonly string _errors = database.Pick("import_errors", "crm_import_errors");

    /// <inheritdoc />
    public async Task CreateAsync(ImportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await database.ExecuteAsync(
            $"""
            INSERT INTO {_jobs} ({Columns})
            VALUES (@id, @kind, @mapping, @createdBy, @state, @fileBytes, @sha, @bytesRead, @rowsRead, @imported, @unchanged, @failed, @lastLine, @error, @createdAt, @updatedAt)
            """,
            Parameters(job),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendChunkAsync(string jobId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            $"INSERT INTO {_chunks} (job_id, chunk, data) VALUES (@jobId, @index, @data)",
            new { jobId, index, data = data.ToArray() },
            cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> ReadChunkAsync(string jobId, int index, CancellationToken cancellationToken = default) =>
        database.ScalarAsync<byte[]>($"SELECT data FROM {_chunks} WHERE job_id = @jobId AND chunk = @index", new { jobId, index }, cancellationToken);

    /// <inheritdoc />
    public Task<ImportJob?> FindAsync(string jobId, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync($"SELECT {Columns} FROM {_jobs} WHERE id = @jobId", new { jobId }, Read, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateAsync(ImportJob job, IReadOnlyList<ImportRowError> newErrors, string? owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(newErrors);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var parameters = Parameters(job);
                parameters.Add("owner", owner, DbType.String);
                parameters.Add("now", database.Time(now));
                var updated = await SqlDatabase.ExecuteAsync(
                    connection,
                    transaction,
                    $"""
                    UPDATE {_jobs} SET state = @state, file_bytes = @fileBytes, file_sha256 = @sha, bytes_read = @bytesRead, rows_read = @rowsRead,
                        imported = @imported, unchanged = @unchanged, failed = @failed, last_line = @lastLine, error = @error, updated_at = @updatedAt,
                        heartbeat_at = @now
                    WHERE id = @id AND (@owner IS NULL OR owner = @owner)
                    """,
                    parameters,
                    cancellationToken);
                if (updated == 0)
                {
                    return false;
                }

                // In line order: batches that insert the same keys in one order cannot deadlock each other.
                foreach (var chunk in newErrors.OrderBy(e => e.Line).Chunk(ErrorsPerStatement))
                {
                    var (sql, values) = InsertErrors(job.Id, chunk);
                    await SqlDatabase.ExecuteAsync(connection, transaction, sql, values, cancellationToken);
                }

                if (job.IsFinished)
                {
                    // A finished job is never read again: its file goes with the transaction that finishes it.
                    await SqlDatabase.ExecuteAsync(connection, transaction, $"DELETE FROM {_chunks} WHERE job_id = @id", new { id = job.Id }, cancellationToken);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ImportJob?> ClaimAsync(string owner, DateTimeOffset staleBefore, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync(
            // One statement picks and takes the job. SQLite's single writer makes it atomic; on
            // PostgreSQL the row lock keeps two silos from taking the same job, and SKIP LOCKED lets
            // the second silo take the next job instead of waiting for the first.
            $"""
            UPDATE {_jobs} SET owner = @owner, heartbeat_at = @now, state = 'running'
            WHERE id = (
                SELECT id FROM {_jobs}
                WHERE state IN ('queued', 'running') AND (owner IS NULL OR owner = @owner OR heartbeat_at < @stale)
                ORDER BY created_at, id LIMIT 1
                {database.Pick("", "FOR UPDATE SKIP LOCKED")})
            RETURNING {Columns}
            """,
            new { owner, now = database.Time(now), stale = database.Time(staleBefore > EndOfTime ? EndOfTime : staleBefore) },
            Read,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ImportRowError>> ListErrorsAsync(string jobId, long afterLine, int limit, CancellationToken cancellationToken = default) =>
        database.QueryAsync(
            $"SELECT line, errors_json FROM {_errors} WHERE job_id = @jobId AND line > @afterLine ORDER BY line LIMIT @limit",
            new { jobId, afterLine, limit },
            r => new ImportRowError(r.Number(0), JsonSerializer.Deserialize<Dictionary<string, string[]>>(r.Text(1))!),
            cancellationToken);

    /// <summary>One statement that adds <paramref name="errors"/> of the job, skipping lines already stored (a replayed batch).</summary>
    private (string Sql, DynamicParameters Values) InsertErrors(string jobId, ImportRowError[] errors)
    {
        var sql = new StringBuilder($"INSERT INTO {_errors} (job_id, line, errors_json) VALUES ");
        var values = new DynamicParameters();
        values.Add("id", jobId);
        for (var i = 0; i < errors.Length; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@id, @line{i}, @errors{i})");
            values.Add($"line{i}", errors[i].Line);
            values.Add($"errors{i}", JsonSerializer.Serialize(errors[i].Errors));
        }

        return (sql.Append(" ON CONFLICT DO NOTHING").ToString(), values);
    }

    private DynamicParameters Parameters(ImportJob job)
    {
        var values = new DynamicParameters();
        values.Add("id", job.Id);
        values.Add("kind", ImportJobStates.Name(job.Kind));
        values.Add("mapping", job.MappingJson);
        values.Add("createdBy", job.CreatedBy);
        values.Add("state", ImportJobStates.Name(job.State));
        values.Add("fileBytes", job.FileBytes);
        values.Add("sha", job.FileSha256, DbType.String);
        values.Add("bytesRead", job.BytesRead);
        values.Add("rowsRead", job.RowsRead);
        values.Add("imported", job.Imported);
        values.Add("unchanged", job.Unchanged);
        values.Add("failed", job.Failed);
        values.Add("lastLine", job.LastLine);
        values.Add("error", job.Error, DbType.String);
        values.Add("createdAt", database.Time(job.CreatedAt));
        values.Add("updatedAt", database.Time(job.UpdatedAt));
        return values;
    }

    private static ImportJob Read(SqlRow r) => new(
        r.Text(0),
        ImportJobStates.ParseKind(r.Text(1)),
        r.Text(2),
        r.Text(3),
        ImportJobStates.ParseState(r.Text(4)),
        r.Number(5),
        r.NullableText(6),
        r.Number(7),
        r.Number(8),
        r.Number(9),
        r.Number(10),
        r.Number(11),
        r.Number(12),
        r.NullableText(13),
        r.Time(14),
        r.Time(15));
}
