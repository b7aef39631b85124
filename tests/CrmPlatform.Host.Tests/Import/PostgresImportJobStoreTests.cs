using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Storage;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>The import-store contract on PostgreSQL (fails without CRM_TEST_POSTGRES): each test gets a schema of its own.</summary>
public sealed class PostgresImportJobStoreTests(PostgresDatabase database)
    : ImportJobStoreContractTests<PostgresImportJobStore>, IClassFixture<PostgresDatabase>
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

        Assert.Equal(0, await PostgresMigrator.MigrateAsync(_schema!.CreateDataSource(), "imports", PostgresImportJobStore.Migrations, Cancel));
    }

    protected override async Task<PostgresImportJobStore> OpenAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync(database);

        // Each open is a separate data source, as another silo would have.
        return await PostgresImportJobStore.OpenAsync(_schema.CreateDataSource(), Cancel);
    }
}
