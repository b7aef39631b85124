using CrmPlatform.Host.Service;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Service;

public sealed class PostgresCaseStoreTests : CaseStoreContractTests, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<SqlDatabase> CreateDatabaseAsync()
    {
        // Each test starts from empty tables.
        await using (var drop = _database.DataSource.CreateCommand("DROP TABLE IF EXISTS crm_cases, crm_service_checkpoints, crm_service_parked; DROP TABLE IF EXISTS crm_schema_migrations"))
        {
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return await StoreDatabases.PostgresAsync(_database.DataSource, CaseStore.Schema, TestContext.Current.CancellationToken);
    }
}
