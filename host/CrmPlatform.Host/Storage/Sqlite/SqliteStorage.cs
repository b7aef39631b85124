using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Host.ReadModel;
using CrmPlatform.Host.Security;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>Embedded storage: the event log, read model, keys and plugins as SQLite files in the data directory.</summary>
public static class SqliteStorage
{
    /// <summary>
    /// Registers the SQLite event log (<c>events.db</c>), read model (<c>readmodel.db</c>), key store
    /// (<c>platform.db</c>), snapshots (<c>snapshots.db</c>) and plugin store (<c>plugins.db</c>).
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<SqliteEventLogOptions>(configuration.GetSection(SqliteEventLogOptions.SectionName));
        string DataFile(string name) => Path.Combine(dataDirectory, name);
        services.AddSingleton(sp => new SqliteEventLog(
            DataFile("events.db"), sp.GetRequiredService<IOptions<SqliteEventLogOptions>>().Value, sp.GetRequiredService<ILogger<SqliteEventLog>>()));
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<SqliteEventLog>());
        services.AddSingleton<ICustomerReadModel>(_ => new SqliteReadModel(DataFile("readmodel.db")));
        services.AddSingleton<ApiKeyStore>(sp => new SqliteApiKeyStore(DataFile("platform.db"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICustomerSnapshotStore>(sp => new SqliteSnapshotStore(DataFile("snapshots.db"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => new SqlitePluginStore(DataFile("plugins.db")));
        services.AddSingleton<IPluginCatalogStore>(sp => sp.GetRequiredService<SqlitePluginStore>());
        services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<SqlitePluginStore>());
        services.AddSingleton<IPluginStateStore>(sp => sp.GetRequiredService<SqlitePluginStore>());
        return services;
    }
}
