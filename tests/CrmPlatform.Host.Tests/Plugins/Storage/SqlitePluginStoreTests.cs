using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The plugin-store contract on the embedded <c>plugins.db</c>; each open is a new instance on the same file.</summary>
public sealed class SqlitePluginStoreTests : PluginStoreContractTests<PluginStore>
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        CrmTestHost.TryDelete(_directory);
        await base.DisposeAsync();
    }

    [Fact]
    public async Task MigrateAsync_FileOfTheEarlierStore_KeepsEverythingAndGuardsItsCheckpointsByEpoch()
    {
        // A plugins.db as the embedded store wrote it before: the first migration, user_version 1,
        // checkpoints without an epoch column, event ids as text.
        var path = Path.Combine(_directory, PluginStore.Schema.SqliteFile);
        var letter = Letter("p", 7);
        await using (var legacy = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await legacy.OpenAsync(Cancel);
            await using var create = legacy.CreateCommand();
            create.CommandText = PluginStore.Schema.Sqlite[0] + $$"""
                INSERT INTO plugins VALUES ('p', '1.0.0', '{}', 1, '{}', '2025-03-01T07:00:00.0000000Z');
                INSERT INTO plugin_epochs VALUES ('p', 2);
                INSERT INTO plugin_checkpoints VALUES ('p', 0, 40), ('p', 1, 55);
                INSERT INTO plugin_dead_letters VALUES ('p', '{{letter.EventId}}', 7, 3, 'cust-7', '{{letter.EventType}}', 3, '{{letter.Error}}', '2025-03-01T07:07:00.0000000Z');
                INSERT INTO plugin_state VALUES ('p', 'k', '1');
                PRAGMA user_version=1;
                """;
            await create.ExecuteNonQueryAsync(Cancel);
        }

        var database = new SqliteSqlDatabase(path);
        Assert.Equal(1, await database.MigrateAsync(PluginStore.Schema, Cancel));
        var store = new PluginStore(database);

        Assert.Equal(InstalledAt, Assert.Single(await store.ListAsync(Cancel)).InstalledAt);
        Assert.Equal(new Dictionary<int, long> { [0] = 40, [1] = 55 }, await store.ReadCheckpointsAsync("p", Cancel));
        Assert.Equal(letter, await store.FindDeadLetterAsync("p", letter.EventId, Cancel));
        Assert.Equal("1", await store.GetAsync("p", "k", Cancel));
        Assert.False(await store.WriteCheckpointAsync("p", 0, 90, 1, Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 0, 90, 2, Cancel));
        Assert.Equal(90, await store.ReadCheckpointAsync("p", 0, Cancel));
        Assert.True(await store.RemoveDeadLetterAsync("p", letter.EventId, Cancel));
    }

    protected override async Task<PluginStore> OpenAsync() =>
        new(await StoreDatabases.SqliteAsync(_directory, PluginStore.Schema, Cancel));
}
