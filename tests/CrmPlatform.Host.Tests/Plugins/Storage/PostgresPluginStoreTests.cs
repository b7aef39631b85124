using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Storage;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The plugin-store contract on PostgreSQL: each test gets a schema of its own in the class's database.</summary>
public sealed class PostgresPluginStoreTests(PostgresDatabase database)
    : PluginStoreContractTests<PluginStore>, IClassFixture<PostgresDatabase>
{
    private PostgresTestSchema? _schema;

    public override async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Migrations_RunTwice_CreateTheTablesOnce()
    {
        await OpenAsync();

        Assert.Equal(0, await new PostgresSqlDatabase(_schema!.CreateDataSource()).MigrateAsync(PluginStore.Schema, Cancel));
    }

    protected override async Task<PluginStore> OpenAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync(database);

        // Each open is a separate data source, as another silo would have.
        return new(await StoreDatabases.PostgresAsync(_schema.CreateDataSource(), PluginStore.Schema, Cancel));
    }
}
