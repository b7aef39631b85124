using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Sales;

public sealed class SqliteOpportunityStoreTests : OpportunityStoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crm-sales-").FullName;

    protected override Task<SqlDatabase> CreateDatabaseAsync() =>
        StoreDatabases.SqliteAsync(_directory, OpportunityStore.Schema, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
