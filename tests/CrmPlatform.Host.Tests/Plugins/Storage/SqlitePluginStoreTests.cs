using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The plugin-store contract on the embedded <c>plugins.db</c>; each open is a new instance on the same file.</summary>
public sealed class SqlitePluginStoreTests : PluginStoreContractTests<SqlitePluginStore>
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override Task<SqlitePluginStore> OpenAsync() =>
        Task.FromResult(new SqlitePluginStore(Path.Combine(_directory, "plugins.db")));
}
