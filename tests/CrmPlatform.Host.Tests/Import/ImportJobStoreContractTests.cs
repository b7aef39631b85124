using System.Text;
using CrmPlatform.Host.Import;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>
/// What every import job store must do. Each backend's test class derives from this one and says
/// how to open its store; opening again in the same test reopens it, as another silo would.
/// </summary>
public abstract class ImportJobStoreContractTests<TStore> : IAsyncLifetime
    where TStore : IImportJobStore
{
    // Whole seconds: PostgreSQL keeps microseconds, SQLite milliseconds; the contract promises no more.
    protected static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<TStore> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CreateAsync_NewJob_FindAndFileChunksRoundTrip()
    {
        var store = await OpenAsync();
        var job = Job("j1");

        await store.CreateAsync(job, Cancel);
        await store.AppendChunkAsync("j1", 0, "Id,Name\n"u8.ToArray(), Cancel);
        await store.AppendChunkAsync("j1", 1, "a,Ann\n"u8.ToArray(), Cancel);
        var reopened = await OpenAsync();

        Assert.Equal(job, await reopened.FindAsync("j1", Cancel));
        Assert.Null(await reopened.FindAsync("j2", Cancel));
        Assert.Equal("Id,Name\n", Encoding.UTF8.GetString((await reopened.ReadChunkAsync("j1", 0, Cancel))!));
        Assert.Equal("a,Ann\n", Encoding.UTF8.GetString((await reopened.ReadChunkAsync("j1", 1, Cancel))!));
        Assert.Null(await reopened.ReadChunkAsync("j1", 2, Cancel));
    }

    [Fact]
    public async Task ClaimAsync_OnlyQueuedOrRunningJobsNobodyElseHolds_OldestFirst()
    {
        var store = await OpenAsync();
        await store.CreateAsync(Job("uploading"), Cancel);
        await store.CreateAsync(Job("b") with { State = ImportJobState.Queued, CreatedAt = Now.AddSeconds(2) }, Cancel);
        await store.CreateAsync(Job("a") with { State = ImportJobState.Queued, CreatedAt = Now.AddSeconds(1) }, Cancel);
        await store.CreateAsync(Job("done") with { State = ImportJobState.Completed }, Cancel);

        var first = await store.ClaimAsync("silo-1", Now.AddMinutes(-1), Now, Cancel);
        var second = await store.ClaimAsync("silo-2", Now.AddMinutes(-1), Now, Cancel);
        var none = await store.ClaimAsync("silo-3", Now.AddMinutes(-1), Now, Cancel);
        var again = await store.ClaimAsync("silo-1", Now.AddMinutes(-1), Now, Cancel);
        var takenOver = await store.ClaimAsync("silo-3", Now.AddSeconds(1), Now.AddMinutes(2), Cancel);

        Assert.Equal(("a", ImportJobState.Running), (first!.Id, first.State));
        Assert.Equal("b", second!.Id);
        Assert.Null(none);
        Assert.Equal("a", again!.Id);
        Assert.Equal("a", takenOver!.Id);
    }

    [Fact]
    public async Task UpdateAsync_StoresProgressAndErrors_OnlyWhileTheOwnerHoldsTheJob()
    {
        var store = await OpenAsync();
        await store.CreateAsync(Job("j") with { State = ImportJobState.Queued }, Cancel);
        var claimed = (await store.ClaimAsync("silo-1", Now.AddMinutes(-1), Now, Cancel))!;
        var progress = claimed with { RowsRead = 10, Imported = 7, Unchanged = 1, Failed = 2, LastLine = 11, BytesRead = 300, UpdatedAt = Now.AddSeconds(5) };
        ImportRowError[] errors =
        [
            new(4, new Dictionary<string, string[]> { ["email[0]"] = ["Not a valid email address."] }),
            new(9, new Dictionary<string, string[]> { ["row"] = ["Line 9 is not valid UTF-8."], ["id"] = ["Required."] }),
        ];

        Assert.True(await store.UpdateAsync(progress, errors, "silo-1", Now.AddSeconds(5), Cancel));
        Assert.True(await store.UpdateAsync(progress, [errors[0]], "silo-1", Now.AddSeconds(6), Cancel));
        Assert.False(await store.UpdateAsync(progress with { RowsRead = 99 }, [], "silo-2", Now.AddSeconds(6), Cancel));
        var finished = progress with { State = ImportJobState.Failed, Error = "The file is empty.", UpdatedAt = Now.AddSeconds(7) };
        Assert.True(await store.UpdateAsync(finished, [], null, Now.AddSeconds(7), Cancel));

        var reopened = await OpenAsync();
        Assert.Equal(finished, await reopened.FindAsync("j", Cancel));
        var stored = await reopened.ListErrorsAsync("j", 0, 10, Cancel);
        Assert.Equal([4L, 9L], stored.Select(e => e.Line));
        Assert.Equal(["Not a valid email address."], stored[0].Errors["email[0]"]);
        Assert.Equal(["Required."], stored[1].Errors["id"]);
        Assert.Equal([9L], (await reopened.ListErrorsAsync("j", 4, 10, Cancel)).Select(e => e.Line));
        Assert.Equal([4L], (await reopened.ListErrorsAsync("j", 0, 1, Cancel)).Select(e => e.Line));
        Assert.Null(await reopened.ClaimAsync("silo-3", DateTimeOffset.MaxValue, Now.AddMinutes(5), Cancel));
    }

    [Fact]
    public async Task UpdateAsync_JobFinishes_ItsFileIsDeletedAndOtherJobsKeepTheirs()
    {
        var store = await OpenAsync();
        await store.CreateAsync(Job("done") with { State = ImportJobState.Queued }, Cancel);
        await store.CreateAsync(Job("waiting") with { State = ImportJobState.Queued, CreatedAt = Now.AddSeconds(1) }, Cancel);
        await store.AppendChunkAsync("done", 0, "Id\n"u8.ToArray(), Cancel);
        await store.AppendChunkAsync("waiting", 0, "Id\n"u8.ToArray(), Cancel);
        var claimed = (await store.ClaimAsync("silo-1", Now.AddMinutes(-1), Now, Cancel))!;

        Assert.True(await store.UpdateAsync(claimed with { State = ImportJobState.Running, RowsRead = 1 }, [], "silo-1", Now, Cancel));
        Assert.NotNull(await store.ReadChunkAsync("done", 0, Cancel));
        Assert.True(await store.UpdateAsync(claimed with { State = ImportJobState.Completed, RowsRead = 1 }, [], "silo-1", Now, Cancel));

        var reopened = await OpenAsync();
        Assert.Null(await reopened.ReadChunkAsync("done", 0, Cancel));
        Assert.Equal(ImportJobState.Completed, (await reopened.FindAsync("done", Cancel))!.State);
        Assert.NotNull(await reopened.ReadChunkAsync("waiting", 0, Cancel));
    }

    protected static ImportJob Job(string id) =>
        ImportJob.New(id, ImportKind.Customers, """{"columns":{"Id":"id"}}""", "api-key:k1", Now) with { FileBytes = 14, FileSha256 = "ab12" };
}
