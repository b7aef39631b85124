using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage.Sqlite;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The projector keeping the embedded SQLite read model.</summary>
public sealed class SqliteReadModelProjectorTests : ReadModelProjectorTests
{
    protected override Task<ICustomerReadModel> OpenModelAsync() =>
        Task.FromResult<ICustomerReadModel>(new SqliteReadModel(Path.Combine(DataDirectory, "readmodel.db")));
}
