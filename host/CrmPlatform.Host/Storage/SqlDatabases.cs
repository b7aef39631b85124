using System.Collections.Concurrent;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Storage.Sqlite;
using Npgsql;

namespace CrmPlatform.Host.Storage;

/// <summary>
/// Where each store's tables live: in embedded mode a SQLite file of its own under the data
/// directory (a store's file is named by its <see cref="SchemaComponent"/>), in cluster mode the one
/// PostgreSQL database every silo shares.
/// </summary>
public sealed class SqlDatabases
{
    private readonly Func<SchemaComponent, SqlDatabase> _resolve;
    private readonly ConcurrentDictionary<string, SqlDatabase> _files = new(StringComparer.Ordinal);

    private SqlDatabases(StorageProvider provider, Func<SqlDatabases, SchemaComponent, SqlDatabase> resolve)
    {
        Provider = provider;
        _resolve = component => resolve(this, component);
    }

    /// <summary>The backend.</summary>
    public StorageProvider Provider { get; }

    /// <summary>Embedded storage: one SQLite file per component in <paramref name="dataDirectory"/>.</summary>
    public static SqlDatabases Sqlite(string dataDirectory) =>
        new(StorageProvider.Sqlite, (self, component) => self._files.GetOrAdd(
            component.SqliteFile, file => new SqliteSqlDatabase(Path.Combine(dataDirectory, file), component.Durable)));

    /// <summary>Cluster storage: every component in the database of <paramref name="dataSource"/>.</summary>
    public static SqlDatabases Postgres(NpgsqlDataSource dataSource)
    {
        var database = new PostgresSqlDatabase(dataSource);
        return new(StorageProvider.Postgres, (_, _) => database);
    }

    /// <summary>The database that holds <paramref name="component"/>'s tables.</summary>
    public SqlDatabase For(SchemaComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return _resolve(component);
    }
}
