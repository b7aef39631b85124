using CrmPlatform.Host.Tests.Infrastructure;
using Npgsql;

namespace CrmPlatform.Host.Tests.Storage;

/// <summary>
/// A schema of its own in a test class's database (the connection's search path), so each test
/// starts from empty tables without creating a database; data sources on it are disposed with it.
/// </summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    private PostgresTestSchema(string connectionString) => ConnectionString = connectionString;

    /// <summary>The connection string of the schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty schema in <paramref name="database"/>.</summary>
    public static async Task<PostgresTestSchema> CreateAsync(PostgresDatabase database)
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using (var create = database.DataSource.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresTestSchema(new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = name }.ConnectionString);
    }

    /// <summary>A new data source (its own pool, as a separate process would have) on the schema.</summary>
    public NpgsqlDataSource CreateDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        _dataSources.Add(dataSource);
        return dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }
}
