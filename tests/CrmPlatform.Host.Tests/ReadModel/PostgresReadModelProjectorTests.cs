using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The projector keeping the PostgreSQL read model.</summary>
public sealed class PostgresReadModelProjectorTests(PostgresDatabase database) : ReadModelProjectorTests, IClassFixture<PostgresDatabase>
{
    protected override async Task<ICustomerReadModel> OpenModelAsync()
    {
        // The database belongs to the class; each test starts from empty tables.
        var migrated = await StoreDatabases.PostgresAsync(database.DataSource, CustomerReadModel.Schema, Cancel);
        await using var truncate = database.DataSource.CreateCommand("TRUNCATE crm_customers, crm_checkpoints, crm_parked_events");
        await truncate.ExecuteNonQueryAsync(Cancel);
        return new CustomerReadModel(migrated);
    }
}
