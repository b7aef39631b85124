using System.Data.Common;
using Dapper;

namespace CrmPlatform.Host.Storage;

/// <summary>
/// One database that stores live in — an embedded SQLite file or the PostgreSQL database a cluster
/// shares — with what differs between the two: how to open a connection, how times are stored,
/// which errors mean what, and how migrations are recorded. A store is written once against this
/// class (SQL with <c>@name</c> parameters, read through <see cref="SqlRow"/>); where the SQL itself
/// differs it asks <see cref="Pick"/> for the dialect's fragment.
/// </summary>
public abstract class SqlDatabase
{
    /// <summary>The backend.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>Opens a connection (for reading or writing; the backend sets what writes need).</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a connection that only reads: a path that reads on every batch (a subscription's epoch)
    /// then pays for no write settings. Never write through it.
    /// </summary>
    public virtual ValueTask<DbConnection> OpenForReadsAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);

    /// <summary>
    /// Opens a connection for writes that a crash may lose without harm, because the work they
    /// record is simply done again (a subscription's checkpoint: delivery is at least once anyway).
    /// An embedded file then commits them without waiting for the disk.
    /// </summary>
    public virtual ValueTask<DbConnection> OpenForRedoableWritesAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);

    /// <summary>The parameter value that stores <paramref name="value"/> in a time column.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>The parameter value for a time column that may be empty.</summary>
    public object? Time(DateTimeOffset? value) => value is { } time ? Time(time) : null;

    /// <summary>Reads a time column written with <see cref="Time(DateTimeOffset)"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>True when <paramref name="exception"/> reports a broken unique or primary-key constraint.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Brings <paramref name="component"/>'s tables in this database to its newest migration; returns how many ran.</summary>
    public abstract Task<int> MigrateAsync(SchemaComponent component, CancellationToken cancellationToken = default);

    /// <summary>The newest migration of <paramref name="component"/> this database has recorded (0: none), read without changing anything.</summary>
    public abstract Task<int> SchemaVersionAsync(SchemaComponent component, CancellationToken cancellationToken = default);

    /// <summary>The SQL fragment of this database's dialect.</summary>
    public string Pick(string sqlite, string postgres) => Provider == StorageProvider.Postgres ? postgres : sqlite;

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(Command(sql, parameters, null, cancellationToken));
    }

    /// <summary>Runs a query that returns one value (or none: the type's default).</summary>
    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<T>(Command(sql, parameters, null, cancellationToken));
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, object? parameters, Func<SqlRow, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var connection = await OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, sql, parameters, map, cancellationToken);
    }

    /// <summary>Runs a query and maps its first row; the default when there is none.</summary>
    public async Task<T?> QueryFirstAsync<T>(
        string sql, object? parameters, Func<SqlRow, T> map, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(sql, parameters, map, cancellationToken);
        return rows.Count > 0 ? rows[0] : default;
    }

    /// <summary>Runs a query on an open connection (and transaction) and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, object? parameters, Func<SqlRow, T> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(map);
        await using var reader = await connection.ExecuteReaderAsync(Command(sql, parameters, transaction, cancellationToken));
        var rows = new List<T>();
        var row = new SqlRow(reader, this);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(row));
        }

        return rows;
    }

    /// <summary>Runs a statement on an open connection (and transaction); returns the rows it changed.</summary>
    public static Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteAsync(Command(sql, parameters, transaction, cancellationToken));
    }

    /// <summary>Runs a query on an open connection (and transaction) that returns one value.</summary>
    public static Task<T?> ScalarAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<T>(Command(sql, parameters, transaction, cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns. On SQLite the
    /// transaction takes the file's write lock at once (so a read-then-write cannot deadlock); on
    /// PostgreSQL it is read-committed, and work that must serialize takes a lock of its own.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
