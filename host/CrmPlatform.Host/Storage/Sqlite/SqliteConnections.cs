using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>Opens connections to one SQLite database file in WAL mode.</summary>
public sealed class SqliteConnections(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private volatile bool _fileExists;

    /// <summary>The database file.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// Opens a connection for reading. It needs no settings: WAL mode is a property of the file (set
    /// by <see cref="MigrateAsync"/>), and a busy file is retried for the connection's default timeout.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_fileExists)
        {
            CreateOwnerOnly(Path);
            _fileExists = true;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Opens a connection for writing; <paramref name="durable"/> makes every commit wait for fsync
    /// (set on every open, since pooled connections keep what the last user set).
    /// </summary>
    public async Task<SqliteConnection> OpenForWritesAsync(bool durable, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"PRAGMA synchronous={(durable ? "FULL" : "NORMAL")};", cancellationToken: cancellationToken);
        return connection;
    }

    /// <summary>
    /// Creates a missing database file readable and writable by the platform's user only (customer
    /// data); SQLite gives its -wal and -shm files the database file's permissions.
    /// </summary>
    private static void CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another connection created it first.
        }
    }

    /// <summary>Runs SQL that returns nothing.</summary>
    public static async Task ExecuteAsync(
        SqliteConnection connection, string sql, SqliteTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is the platform's own schema text, never user input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Brings the schema to the newest version: runs each migration whose number is above the
    /// file's <c>user_version</c>, each in its own transaction.
    /// </summary>
    public static async Task MigrateAsync(SqliteConnection connection, IReadOnlyList<string> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        // Write-ahead logging lets readers run beside the writer; the mode stays with the file.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken);
        await using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await using var transaction = connection.BeginTransaction();
            await ExecuteAsync(connection, migrations[version - 1] + $"; PRAGMA user_version={version};", transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
