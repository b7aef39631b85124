using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Storage.Modules;

/// <summary>The throwaway module's store contract on an embedded file.</summary>
public sealed class SqliteNoteStoreTests : NoteStoreContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        return base.DisposeAsync();
    }

    protected override Task<SqlDatabase> OpenAsync() => StoreDatabases.SqliteAsync(_directory, NoteStore.Schema, Cancel);
}
