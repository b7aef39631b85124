using CrmPlatform.Host.Customers;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Storage;
using Npgsql;

namespace CrmPlatform.Host.Tests.Snapshots;

/// <summary>The snapshot-store contract on PostgreSQL: each test gets a schema of its own in the class's database.</summary>
public sealed class PostgresSnapshotStoreTests(PostgresDatabase database) : SnapshotStoreContractTests, IClassFixture<PostgresDatabase>
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
    public async Task Migrations_RunTwice_CreateTheTableOnce()
    {
        await OpenAsync();
        var dataSource = _schema!.CreateDataSource();

        Assert.Equal(0, await new PostgresSqlDatabase(dataSource).MigrateAsync(SqlSnapshotStore.Schema, Cancel));
    }

    protected override async Task<ICustomerSnapshotStore> OpenAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync(database);

        // Each open is a separate data source, as another silo would have.
        NpgsqlDataSource dataSource = _schema.CreateDataSource();
        return new SqlSnapshotStore(await StoreDatabases.PostgresAsync(dataSource, SqlSnapshotStore.Schema, Cancel), Time);
    }
}
