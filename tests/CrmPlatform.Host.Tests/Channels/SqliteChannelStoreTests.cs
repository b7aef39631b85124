using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>The channel store contract on SQLite.</summary>
public sealed class SqliteChannelStoreTests : ChannelStoreContractTests, IDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public void Dispose() => CrmTestHost.TryDelete(_directory);

    protected override Task<IChannelStore> OpenAsync() =>
        Task.FromResult<IChannelStore>(new SqliteChannelStore(Path.Combine(_directory, "channels.db")));
}
