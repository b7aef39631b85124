using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Storage.Modules;

/// <summary>The throwaway module's store contract on PostgreSQL: each test gets a schema of its own.</summary>
public sealed class PostgresNoteStoreTests(PostgresDatabase database) : NoteStoreContractTests, IClassFixture<PostgresDatabase>
{
    private PostgresTestSchema? _schema;

    public override async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override async Task<SqlDatabase> OpenAsync()
    {
        _schema ??= await PostgresTestSchema.CreateAsync(database);
        return await StoreDatabases.PostgresAsync(_schema.CreateDataSource(), NoteStore.Schema, Cancel);
    }
}
