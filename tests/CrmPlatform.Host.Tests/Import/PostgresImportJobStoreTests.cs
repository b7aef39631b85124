using CrmPlatform.Host.Import;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Storage;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>The import-store contract on PostgreSQL (fails without CRM_TEST_POSTGRES): each test gets a schema of its own.</summary>
public sealed class PostgresImportJobStoreTests(PostgresDatabase database)
    : ImportJobStoreContractTests<SqlImportJobStore>, IClassFixture<PostgresDatabase>
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

        Assert.Equal(0, await new PostgresSqlDatabase(_schema!.CreateDataSource()).MigrateAsync(SqlImportJobStore.Schema, Cancel));
    }

    protected override async Task<SqlImportJobStore> OpenAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync(database);

        // Each open is a separate data source, as another silo would have.
        return new(await StoreDatabases.PostgresAsync(_schema.CreateDataSource(), SqlImportJobStore.Schema, Cancel));
    }
}
