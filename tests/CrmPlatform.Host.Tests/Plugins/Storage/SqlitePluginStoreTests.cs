using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The plugin-store contract on the embedded <c>plugins.db</c>; each open is a new instance on the same file.</summary>
public sealed class SqlitePluginStoreTests : PluginStoreContractTests<PluginStore>
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override async Task<PluginStore> OpenAsync() =>
        new(await StoreDatabases.SqliteAsync(_directory, PluginStore.Schema, Cancel));
}
