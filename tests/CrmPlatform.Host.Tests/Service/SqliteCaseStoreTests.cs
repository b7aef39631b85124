using CrmPlatform.Host.Service;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Service;

public sealed class SqliteCaseStoreTests : CaseStoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crm-service-").FullName;

    protected override Task<SqlDatabase> CreateDatabaseAsync() =>
        StoreDatabases.SqliteAsync(_directory, CaseStore.Schema, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
