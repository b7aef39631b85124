using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The read-model contract on the embedded SQLite file.</summary>
public sealed class SqliteReadModelTests : CustomerReadModelContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private readonly List<SqliteReadModel> _opened = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var model in _opened)
        {
            model.Dispose();
        }

        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override Task<ICustomerReadModel> OpenAsync()
    {
        var model = new SqliteReadModel(Path.Combine(_directory, "readmodel.db"));
        _opened.Add(model);
        return Task.FromResult<ICustomerReadModel>(model);
    }
}
