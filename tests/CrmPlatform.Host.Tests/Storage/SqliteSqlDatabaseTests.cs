using CrmPlatform.Host.Security;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Tests.Storage;

public sealed class SqliteSqlDatabaseTests : IDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => CrmTestHost.TryDelete(_directory);

    [Fact]
    public async Task MigrateAsync_FileWrittenBeforeMigrationsWereRecorded_AdoptsItsUserVersionAndKeepsTheRows()
    {
        // A platform.db as the embedded store wrote it before: the table, a row, user_version 1.
        var path = Path.Combine(_directory, "platform.db");
        await using (var legacy = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await legacy.OpenAsync(Cancel);
            await using var create = legacy.CreateCommand();
            create.CommandText = ApiKeyStore.Schema.Sqlite[0]
                + "INSERT INTO api_keys VALUES ('0123456789ab', 'old', 'Admin', 'x', '2026-01-01T00:00:00.0000000Z', NULL);"
                + "PRAGMA user_version=1;";
            await create.ExecuteNonQueryAsync(Cancel);
        }

        var database = new SqliteSqlDatabase(path);

        // Only the migrations after the adopted version run.
        Assert.Equal(ApiKeyStore.Schema.Sqlite.Count - 1, await database.MigrateAsync(ApiKeyStore.Schema, Cancel));
        var keys = await new ApiKeyStore(database, TimeProvider.System).ListAsync(Cancel);
        Assert.Equal("old", Assert.Single(keys).Name);
    }

    [Fact]
    public async Task OpenForRedoableWritesAsync_DurableFile_CommitsWithoutWaitingForTheDiskAndOtherWritesStillWait()
    {
        var database = new SqliteSqlDatabase(Path.Combine(_directory, "platform.db"));
        await database.MigrateAsync(ApiKeyStore.Schema, Cancel);

        await using (var redoable = await database.OpenForRedoableWritesAsync(Cancel))
        {
            Assert.Equal(1L, await SqlDatabase.ScalarAsync<long>(redoable, null, "PRAGMA synchronous;", null, Cancel)); // NORMAL
        }

        // The pooled connection comes back with what the redoable write set: a durable open resets it.
        await using var durable = await database.OpenAsync(Cancel);
        Assert.Equal(2L, await SqlDatabase.ScalarAsync<long>(durable, null, "PRAGMA synchronous;", null, Cancel)); // FULL
    }

    [Fact]
    public async Task MigrateAsync_NewFile_RunsEveryMigrationOnceAndRecordsIt()
    {
        var database = new SqliteSqlDatabase(Path.Combine(_directory, "platform.db"));

        Assert.Equal(ApiKeyStore.Schema.Sqlite.Count, await database.MigrateAsync(ApiKeyStore.Schema, Cancel));
        Assert.Equal(0, await database.MigrateAsync(ApiKeyStore.Schema, Cancel));
        Assert.Equal(
            ApiKeyStore.Schema.Sqlite.Count,
            await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE component = 'api-keys'", null, Cancel));
    }
}
