using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// One embedded SQLite file in write-ahead-log mode. Times are stored as sortable UTC text.
/// <paramref name="durable"/> makes every commit wait for fsync (<c>synchronous=FULL</c>); a file
/// whose content can be rebuilt (snapshots) may trade that for speed.
/// </summary>
public sealed class SqliteSqlDatabase(string path, bool durable = true) : SqlDatabase
{
    private readonly SqliteConnections _connections = new(path);

    /// <summary>The database file.</summary>
    public string Path => _connections.Path;

    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _connections.OpenForWritesAsync(durable, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenForReadsAsync(CancellationToken cancellationToken = default) =>
        await _connections.OpenAsync(cancellationToken);

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenForRedoableWritesAsync(CancellationToken cancellationToken = default) =>
        await _connections.OpenForWritesAsync(durable: false, cancellationToken);

    /// <inheritdoc />
    public override object Time(DateTimeOffset value) => EventRows.FormatTime(value);

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return EventRows.ParseTime(reader.GetString(ordinal));
    }

    /// <inheritdoc />
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 };

    /// <summary>
    /// Runs the component's migrations that this file has not recorded, each in its own
    /// transaction. Files written before migrations were recorded per component kept one
    /// component each and counted its migrations in <c>user_version</c>: the first component
    /// migrated in such a file adopts that count.
    /// </summary>
    public override async Task<int> MigrateAsync(SchemaComponent component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var migrations = component.Sqlite;
        await using var connection = await _connections.OpenForWritesAsync(durable: true, cancellationToken);

        // Write-ahead logging lets readers run beside the writer; the mode stays with the file.
        await SqliteConnections.ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken);
        long current;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            var recorded = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", transaction: transaction) > 0;
            if (!recorded)
            {
                await connection.ExecuteAsync(
                    """
                    CREATE TABLE schema_migrations (
                        component TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                        PRIMARY KEY (component, version)
                    );
                    """,
                    transaction: transaction);
                var legacy = await connection.ExecuteScalarAsync<long>("PRAGMA user_version;", transaction: transaction);
                for (var version = 1; version <= legacy; version++)
                {
                    await Record(connection, transaction, component.Name, version);
                }
            }

            current = await connection.ExecuteScalarAsync<long?>(
                "SELECT MAX(version) FROM schema_migrations WHERE component = @component", new { component = component.Name }, transaction) ?? 0;
            await transaction.CommitAsync(cancellationToken);
        }

        for (var version = (int)current + 1; version <= migrations.Count; version++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await SqliteConnections.ExecuteAsync(connection, migrations[version - 1], transaction, cancellationToken);
            await Record(connection, transaction, component.Name, version);
            await transaction.CommitAsync(cancellationToken);
        }

        return Math.Max(0, migrations.Count - (int)current);
    }

    /// <summary>
    /// The newest migration this file recorded for <paramref name="component"/>; a missing file is
    /// at 0 and is not created, and a file from before per-component records counts its <c>user_version</c>.
    /// </summary>
    public override async Task<int> SchemaVersionAsync(SchemaComponent component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (!File.Exists(Path))
        {
            return 0;
        }

        await using var connection = await _connections.OpenAsync(cancellationToken);
        var recorded = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") > 0;
        return recorded
            ? (int)(await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_migrations WHERE component = @component", new { component = component.Name }) ?? 0)
            : (int)await connection.ExecuteScalarAsync<long>("PRAGMA user_version;");
    }

    private static Task<int> Record(DbConnection connection, DbTransaction transaction, string component, int version) =>
        connection.ExecuteAsync(
            "INSERT INTO schema_migrations (component, version) VALUES (@component, @version)",
            new { component, version },
            transaction);
}
