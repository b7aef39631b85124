using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The read-model contract on the embedded SQLite file.</summary>
public sealed class SqliteReadModelTests : CustomerReadModelContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override async Task<ICustomerReadModel> OpenAsync() =>
        new CustomerReadModel(await StoreDatabases.SqliteAsync(_directory, CustomerReadModel.Schema, Cancel));
}
