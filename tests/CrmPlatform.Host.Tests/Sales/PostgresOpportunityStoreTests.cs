using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Sales;

public sealed class PostgresOpportunityStoreTests : OpportunityStoreContractTests, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<SqlDatabase> CreateDatabaseAsync()
    {
        // Each test starts from empty tables.
        await using (var drop = _database.DataSource.CreateCommand("DROP TABLE IF EXISTS crm_opportunities, crm_sales_checkpoints, crm_sales_parked; DROP TABLE IF EXISTS crm_schema_migrations"))
        {
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return await StoreDatabases.PostgresAsync(_database.DataSource, OpportunityStore.Schema, TestContext.Current.CancellationToken);
    }
}
