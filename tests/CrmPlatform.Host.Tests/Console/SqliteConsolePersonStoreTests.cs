using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>The people-store contract on the embedded <c>platform.db</c>.</summary>
public sealed class SqliteConsolePersonStoreTests : ConsolePersonStoreContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    protected override Task<SqlDatabase> OpenDatabaseAsync() => StoreDatabases.SqliteAsync(_directory, ConsolePersonStore.Schema, Cancel);
}
