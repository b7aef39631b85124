using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Tests.Storage.Modules;

/// <summary>What the throwaway module's store must do on every backend.</summary>
public abstract class NoteStoreContractTests : IAsyncLifetime
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    /// <summary>The store's database on the backend under test, migrated.</summary>
    protected abstract Task<SqlDatabase> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AddAsync_ThenList_ReadsBackEveryFieldWithTheInstantKept()
    {
        var store = new NoteStore(await OpenAsync());

        Assert.True(await store.AddAsync(new Note("n1", "ada", "Asked for a quote", Noon), Cancel));

        var note = Assert.Single(await store.ListAsync("ada", Cancel));
        Assert.Equal(new Note("n1", "ada", "Asked for a quote", Noon), note);
        Assert.Equal(Noon.UtcDateTime, note.WrittenAt.UtcDateTime);
    }

    [Fact]
    public async Task AddAsync_SameIdTwice_KeepsTheFirst()
    {
        var store = new NoteStore(await OpenAsync());

        Assert.True(await store.AddAsync(new Note("n1", "ada", "first", Noon), Cancel));
        Assert.False(await store.AddAsync(new Note("n1", "ada", "second", Noon), Cancel));

        Assert.Equal("first", Assert.Single(await store.ListAsync("ada", Cancel)).Body);
    }

    [Fact]
    public async Task ListAsync_OrdersPinnedFirstThenNewest_AndOnlyTheCustomers()
    {
        var store = new NoteStore(await OpenAsync());
        await store.AddAsync(new Note("old", "ada", "old", Noon), Cancel);
        await store.AddAsync(new Note("new", "ada", "new", Noon.AddHours(1)), Cancel);
        await store.AddAsync(new Note("other", "grace", "other", Noon.AddHours(2)), Cancel);

        Assert.True(await store.PinAsync("old", Cancel));
        Assert.False(await store.PinAsync("missing", Cancel));

        Assert.Equal(["old", "new"], (await store.ListAsync("ada", Cancel)).Select(n => n.Id));
    }

    [Fact]
    public async Task MigrateAsync_AgainOnAMigratedDatabase_RunsNothing()
    {
        var database = await OpenAsync();

        Assert.Equal(0, await database.MigrateAsync(NoteStore.Schema, Cancel));
    }
}
