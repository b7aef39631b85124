using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Storage;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>The channel store contract on PostgreSQL, each test in a schema of its own.</summary>
public sealed class PostgresChannelStoreTests(PostgresDatabase database) : ChannelStoreContractTests, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private PostgresTestSchema? _schema;

    public async ValueTask InitializeAsync() => _schema = await PostgresTestSchema.CreateAsync(database);

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    protected override async Task<IChannelStore> OpenAsync() =>
        new SqlChannelStore(await StoreDatabases.PostgresAsync(_schema!.CreateDataSource(), SqlChannelStore.Schema, Cancel));
}
