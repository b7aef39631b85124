using CrmPlatform.Host.Import;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>The import-store contract on the embedded <c>imports.db</c>; each open is a new instance on the same file.</summary>
public sealed class SqliteImportJobStoreTests : ImportJobStoreContractTests<SqlImportJobStore>
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task MigrateAsync_FileWithUnixMillisecondTimes_KeepsEveryJobWithTheSameTimes()
    {
        // An imports.db as the embedded store wrote it before: times in Unix milliseconds, user_version 1.
        var created = Now.AddMilliseconds(7);
        var stale = created.AddSeconds(30);
        await using (var legacy = new SqliteConnection($"Data Source={Path.Combine(_directory, "imports.db")};Pooling=False"))
        {
            await legacy.OpenAsync(Cancel);
            await using var create = legacy.CreateCommand();
            create.CommandText = SqlImportJobStore.Schema.Sqlite[0]
                + $"""
                INSERT INTO import_jobs VALUES ('held', 'customers', '{"{}"}', 'api-key:k1', 'running', 14, 'ab12', 3, 1, 1, 0, 0, 2, NULL,
                    {created.ToUnixTimeMilliseconds()}, {created.AddSeconds(1).ToUnixTimeMilliseconds()}, 'silo-1', {stale.ToUnixTimeMilliseconds()});
                INSERT INTO import_jobs VALUES ('queued', 'orders', '{"{}"}', 'api-key:k1', 'queued', 14, NULL, 0, 0, 0, 0, 0, 0, NULL,
                    {created.AddSeconds(2).ToUnixTimeMilliseconds()}, {created.AddSeconds(2).ToUnixTimeMilliseconds()}, NULL, NULL);
                PRAGMA user_version=1;
                """;
            await create.ExecuteNonQueryAsync(Cancel);
        }

        var database = new SqliteSqlDatabase(Path.Combine(_directory, "imports.db"));
        Assert.Equal(1, await database.MigrateAsync(SqlImportJobStore.Schema, Cancel));
        var store = new SqlImportJobStore(database);

        var held = (await store.FindAsync("held", Cancel))!;
        Assert.Equal((created, created.AddSeconds(1), ImportJobState.Running, 2L), (held.CreatedAt, held.UpdatedAt, held.State, held.LastLine));
        var later = stale.AddMinutes(1);
        Assert.Equal("queued", (await store.ClaimAsync("silo-2", stale, later, Cancel))?.Id);
        Assert.Null(await store.ClaimAsync("silo-3", stale, later, Cancel));
        Assert.Equal("held", (await store.ClaimAsync("silo-3", stale.AddMilliseconds(1), later, Cancel))?.Id);
    }

    protected override async Task<SqlImportJobStore> OpenAsync() =>
        new(await StoreDatabases.SqliteAsync(_directory, SqlImportJobStore.Schema, Cancel));
}
