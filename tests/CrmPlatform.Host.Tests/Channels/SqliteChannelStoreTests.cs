using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>The channel store contract on SQLite.</summary>
public sealed class SqliteChannelStoreTests : ChannelStoreContractTests, IDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public void Dispose() => CrmTestHost.TryDelete(_directory);

    protected override async Task<IChannelStore> OpenAsync() =>
        new SqlChannelStore(await StoreDatabases.SqliteAsync(_directory, SqlChannelStore.Schema, Cancel));
}
