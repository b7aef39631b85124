using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>The people-store contract on the PostgreSQL database a cluster shares.</summary>
public sealed class PostgresConsolePersonStoreTests(PostgresDatabase database) : ConsolePersonStoreContractTests, IClassFixture<PostgresDatabase>
{
    public override async ValueTask InitializeAsync()
    {
        // The database belongs to the class; each test starts from an empty table.
        await StoreDatabases.PostgresAsync(database.DataSource, ConsolePersonStore.Schema, Cancel);
        await using var truncate = database.DataSource.CreateCommand("TRUNCATE crm_console_people");
        await truncate.ExecuteNonQueryAsync(Cancel);
    }

    protected override Task<SqlDatabase> OpenDatabaseAsync() => StoreDatabases.PostgresAsync(database.DataSource, ConsolePersonStore.Schema, Cancel);
}
