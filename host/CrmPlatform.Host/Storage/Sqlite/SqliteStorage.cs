using CrmPlatform.Grains.EventLog;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>Embedded storage: the event log, keys, read model and plugins as SQLite files in the data directory.</summary>
public static class SqliteStorage
{
    /// <summary>
    /// Registers the SQLite event log (<c>events.db</c>), and a
    /// file per store for the stores written once over <see cref="SqlDatabase"/>.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<SqliteEventLogOptions>(configuration.GetSection(SqliteEventLogOptions.SectionName));
        string DataFile(string name) => Path.Combine(dataDirectory, name);
        services.AddSingleton(sp => new SqliteEventLog(
            DataFile("events.db"), sp.GetRequiredService<IOptions<SqliteEventLogOptions>>().Value, sp.GetRequiredService<ILogger<SqliteEventLog>>()));
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<SqliteEventLog>());
        services.AddSingleton(SqlDatabases.Sqlite(dataDirectory));
        return services;
    }
}
