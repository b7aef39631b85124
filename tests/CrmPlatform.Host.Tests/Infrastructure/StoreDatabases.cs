using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Storage.Sqlite;
using Npgsql;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>A store's database on each backend, migrated the way the start-up step migrates it.</summary>
public static class StoreDatabases
{
    /// <summary>The embedded file of <paramref name="schema"/> in <paramref name="directory"/>, migrated.</summary>
    public static async Task<SqlDatabase> SqliteAsync(string directory, SchemaComponent schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var database = new SqliteSqlDatabase(Path.Combine(directory, schema.SqliteFile), schema.Durable);
        await database.MigrateAsync(schema, cancellationToken);
        return database;
    }

    /// <summary>The PostgreSQL database behind <paramref name="dataSource"/>, migrated for <paramref name="schema"/>.</summary>
    public static async Task<SqlDatabase> PostgresAsync(NpgsqlDataSource dataSource, SchemaComponent schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var database = new PostgresSqlDatabase(dataSource);
        await database.MigrateAsync(schema, cancellationToken);
        return database;
    }
}
