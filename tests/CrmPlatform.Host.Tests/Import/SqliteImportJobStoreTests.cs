using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>The import-store contract on the embedded <c>imports.db</c>; each open is a new instance on the same file.</summary>
public sealed class SqliteImportJobStoreTests : ImportJobStoreContractTests<SqliteImportJobStore>
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override Task<SqliteImportJobStore> OpenAsync() =>
        Task.FromResult(new SqliteImportJobStore(Path.Combine(_directory, "imports.db")));
}
