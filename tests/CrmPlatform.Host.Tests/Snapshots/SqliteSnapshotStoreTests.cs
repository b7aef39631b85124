using CrmPlatform.Host.Customers;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Snapshots;

/// <summary>The snapshot-store contract on the embedded <c>snapshots.db</c>.</summary>
public sealed class SqliteSnapshotStoreTests : SnapshotStoreContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override async Task<ICustomerSnapshotStore> OpenAsync() =>
        new SqlSnapshotStore(await StoreDatabases.SqliteAsync(_directory, SqlSnapshotStore.Schema, Cancel), Time);
}
