using System.Text.Json;
using CrmPlatform.Host.Import;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// Import jobs, their uploaded files (in chunks) and their bad rows, in one embedded file
/// (<c>imports.db</c>). Times are Unix milliseconds. Every commit waits for fsync: a job's progress
/// is what a restarted process resumes from.
/// </summary>
public sealed class SqliteImportJobStore : IImportJobStore
{
    private const string Columns =
        "id, kind, mapping_json, created_by, state, file_bytes, file_sha256, bytes_read, rows_read, imported, unchanged, failed, last_line, error, created_at, updated_at";

    private static readonly string[] Migrations =
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
    ];

    private readonly SqliteConnections _connections;

    /// <summary>Opens (creating if needed) the import store in <paramref name="path"/>.</summary>
    public SqliteImportJobStore(string path)
    {
        _connections = new SqliteConnections(path);
        using var connection = _connections.OpenForWritesAsync(durable: true).GetAwaiter().GetResult();
        SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public async Task CreateAsync(ImportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(connection, $"INSERT INTO import_jobs ({Columns}) VALUES ($id, $kind, $mapping, $createdBy, $state, $fileBytes, $sha, $bytesRead, $rowsRead, $imported, $unchanged, $failed, $lastLine, $error, $createdAt, $updatedAt)");
        Bind(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task AppendChunkAsync(string jobId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(connection, "INSERT INTO import_file_chunks (job_id, chunk, data) VALUES ($id, $chunk, $data)");
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$chunk", index);
        command.Parameters.AddWithValue("$data", data.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadChunkAsync(string jobId, int index, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT data FROM import_file_chunks WHERE job_id = $id AND chunk = $chunk");
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$chunk", index);
        return (byte[]?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ImportJob?> FindAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM import_jobs WHERE id = $id");
        command.Parameters.AddWithValue("$id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(ImportJob job, IReadOnlyList<ImportRowError> newErrors, string? owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(newErrors);
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = Command(
            connection,
            """
            UPDATE import_jobs SET state = $state, file_bytes = $fileBytes, file_sha256 = $sha, bytes_read = $bytesRead, rows_read = $rowsRead,
                imported = $imported, unchanged = $unchanged, failed = $failed, last_line = $lastLine, error = $error, updated_at = $updatedAt,
                heartbeat_at = $now
            WHERE id = $id AND ($owner IS NULL OR owner = $owner)
            """))
        {
            update.Transaction = transaction;
            Bind(update, job);
            update.Parameters.AddWithValue("$owner", (object?)owner ?? DBNull.Value);
            update.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        foreach (var error in newErrors)
        {
            await using var insert = Command(connection, "INSERT INTO import_errors (job_id, line, errors_json) VALUES ($id, $line, $errors) ON CONFLICT DO NOTHING");
            insert.Transaction = transaction;
            insert.Parameters.AddWithValue("$id", job.Id);
            insert.Parameters.AddWithValue("$line", error.Line);
            insert.Parameters.AddWithValue("$errors", JsonSerializer.Serialize(error.Errors));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (job.IsFinished)
        {
            // A finished job is never read again: its file goes with the transaction that finishes it.
            await using var delete = Command(connection, "DELETE FROM import_file_chunks WHERE job_id = $id");
            delete.Transaction = transaction;
            delete.Parameters.AddWithValue("$id", job.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<ImportJob?> ClaimAsync(string owner, DateTimeOffset staleBefore, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);
        await using var command = Command(
            connection,
            $"""
            UPDATE import_jobs SET owner = $owner, heartbeat_at = $now, state = 'running'
            WHERE id = (
                SELECT id FROM import_jobs
                WHERE state IN ('queued', 'running') AND (owner IS NULL OR owner = $owner OR heartbeat_at < $stale)
                ORDER BY created_at, id LIMIT 1)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$stale", staleBefore == DateTimeOffset.MaxValue ? long.MaxValue : staleBefore.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ImportRowError>> ListErrorsAsync(string jobId, long afterLine, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT line, errors_json FROM import_errors WHERE job_id = $id AND line > $after ORDER BY line LIMIT $limit");
        command.Parameters.AddWithValue("$id", jobId);
        command.Parameters.AddWithValue("$after", afterLine);
        command.Parameters.AddWithValue("$limit", limit);
        var errors = new List<ImportRowError>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add(new ImportRowError(reader.GetInt64(0), JsonSerializer.Deserialize<Dictionary<string, string[]>>(reader.GetString(1))!));
        }

        return errors;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the store's own constant text; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private static void Bind(SqliteCommand command, ImportJob job)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", job.Id);
        p.AddWithValue("$kind", ImportJobStates.Name(job.Kind));
        p.AddWithValue("$mapping", job.MappingJson);
        p.AddWithValue("$createdBy", job.CreatedBy);
        p.AddWithValue("$state", ImportJobStates.Name(job.State));
        p.AddWithValue("$fileBytes", job.FileBytes);
        p.AddWithValue("$sha", (object?)job.FileSha256 ?? DBNull.Value);
        p.AddWithValue("$bytesRead", job.BytesRead);
        p.AddWithValue("$rowsRead", job.RowsRead);
        p.AddWithValue("$imported", job.Imported);
        p.AddWithValue("$unchanged", job.Unchanged);
        p.AddWithValue("$failed", job.Failed);
        p.AddWithValue("$lastLine", job.LastLine);
        p.AddWithValue("$error", (object?)job.Error ?? DBNull.Value);
        p.AddWithValue("$createdAt", job.CreatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$updatedAt", job.UpdatedAt.ToUnixTimeMilliseconds());
    }

    private static ImportJob Read(SqliteDataReader r) => new(
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
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(15)));
}
