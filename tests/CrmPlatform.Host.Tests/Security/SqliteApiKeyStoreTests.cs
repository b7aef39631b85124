using CrmPlatform.Host.Security;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Security;

/// <summary>The key-store contract on the embedded <c>platform.db</c>.</summary>
public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override async Task<ApiKeyStore> OpenAsync(TimeProvider time) =>
        new(await StoreDatabases.SqliteAsync(_directory, ApiKeyStore.Schema, Cancel), time);
}
