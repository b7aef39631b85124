using CrmPlatform.Host.Security;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Security;

/// <summary>The key-store contract on the PostgreSQL database a cluster shares.</summary>
public sealed class PostgresApiKeyStoreTests(PostgresDatabase database) : ApiKeyStoreContractTests, IClassFixture<PostgresDatabase>
{
    public override async ValueTask InitializeAsync()
    {
        // The database belongs to the class; each test starts from an empty table.
        await StoreDatabases.PostgresAsync(database.DataSource, ApiKeyStore.Schema, Cancel);
        await using var truncate = database.DataSource.CreateCommand("TRUNCATE crm_api_keys");
        await truncate.ExecuteNonQueryAsync(Cancel);
    }

    protected override async Task<ApiKeyStore> OpenAsync(TimeProvider time) =>
        new(await StoreDatabases.PostgresAsync(database.DataSource, ApiKeyStore.Schema, Cancel), time);
}
