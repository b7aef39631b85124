using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The projector keeping the embedded SQLite read model.</summary>
public sealed class SqliteReadModelProjectorTests : ReadModelProjectorTests
{
    protected override async Task<ICustomerReadModel> OpenModelAsync() =>
        new CustomerReadModel(await StoreDatabases.SqliteAsync(DataDirectory, CustomerReadModel.Schema, Cancel));
}
