using CrmPlatform.Grains.EventLog;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>Cluster storage: the event log, read model, keys and plugins in one PostgreSQL database shared by every silo.</summary>
public static class PostgresStorage
{
    /// <summary>
    /// Registers the PostgreSQL event log, and the database of the stores written
    /// once over <see cref="SqlDatabase"/>. The log's tables are migrated when the
    /// data source is first created — before anything reads or writes them; several silos starting
    /// at once migrate safely (see <see cref="PostgresMigrator"/>).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.Configure<PostgresEventLogOptions>(configuration.GetSection(PostgresEventLogOptions.SectionName));
        services.AddSingleton(_ => OpenDataSourceAsync(connectionString).GetAwaiter().GetResult());
        services.AddSingleton(sp => PostgresEventLog.OpenAsync(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<PostgresEventLogOptions>>().Value,
            sp.GetRequiredService<ILogger<PostgresEventLog>>()).GetAwaiter().GetResult());
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<PostgresEventLog>());
        services.AddSingleton(sp => SqlDatabases.Postgres(sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }

    /// <summary>Opens a data source on the database and brings every component's tables to the newest version.</summary>
    public static async Task<NpgsqlDataSource> OpenDataSourceAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A silo that dies or hangs mid-transaction must not hold the log's commit lock for long.
            KeepAlive = 15,
            Options = "-c idle_in_transaction_session_timeout=30000",
        };
        var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        try
        {
            await PostgresMigrator.MigrateAsync(dataSource, "event-log", PostgresEventLog.Migrations, cancellationToken);
            return dataSource;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }
}
