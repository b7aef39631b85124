using CrmPlatform.Grains.Snapshots;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Snapshots;

/// <summary>
/// What every <see cref="ICustomerSnapshotStore"/> must do, run against each backend by a subclass
/// that says how to open its store. Each test starts from an empty store; opening again in the same
/// test reopens it, as another silo or a restart would.
/// </summary>
public abstract class SnapshotStoreContractTests : IAsyncLifetime
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the store under test.</summary>
    protected abstract Task<ICustomerSnapshotStore> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task LoadAsync_UnknownCustomer_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.LoadAsync("nobody", Cancel));
    }

    [Fact]
    public async Task LoadAsync_AfterSave_ReturnsTheSnapshotAlsoAfterReopening()
    {
        var store = await OpenAsync();
        var snapshot = new CustomerSnapshot(100, 1, "{\"version\":100,\"tags\":[\"vip\",\"ünïcode ✓\"]}");

        await store.SaveAsync("c1", snapshot, Cancel);

        Assert.Equal(snapshot, await store.LoadAsync("c1", Cancel));
        Assert.Equal(snapshot, await (await OpenAsync()).LoadAsync("c1", Cancel));
        Assert.Null(await store.LoadAsync("c2", Cancel));
    }

    [Fact]
    public async Task SaveAsync_HigherVersion_ReplacesTheSnapshot()
    {
        var store = await OpenAsync();
        await store.SaveAsync("c1", new CustomerSnapshot(100, 1, "{\"v\":100}"), Cancel);
        var newer = new CustomerSnapshot(200, 2, "{\"v\":200}");

        await store.SaveAsync("c1", newer, Cancel);

        Assert.Equal(newer, await store.LoadAsync("c1", Cancel));
    }

    [Fact]
    public async Task SaveAsync_SameOrLowerVersion_KeepsTheStoredSnapshot()
    {
        var store = await OpenAsync();
        var stored = new CustomerSnapshot(200, 1, "{\"v\":200}");
        await store.SaveAsync("c1", stored, Cancel);

        await store.SaveAsync("c1", new CustomerSnapshot(100, 1, "{\"v\":100}"), Cancel);
        await (await OpenAsync()).SaveAsync("c1", new CustomerSnapshot(200, 2, "{\"other\":true}"), Cancel);

        Assert.Equal(stored, await store.LoadAsync("c1", Cancel));
    }

    [Fact]
    public async Task SaveAsync_SeveralCustomers_KeepsEachOwnSnapshot()
    {
        var store = await OpenAsync();
        var snapshots = Enumerable.Range(1, 20).Select(i => (Id: $"c-{i}", Snapshot: new CustomerSnapshot(i * 10L, 1, $"{{\"i\":{i}}}"))).ToArray();

        await Task.WhenAll(snapshots.Select(s => store.SaveAsync(s.Id, s.Snapshot, Cancel)));

        foreach (var (id, snapshot) in snapshots)
        {
            Assert.Equal(snapshot, await store.LoadAsync(id, Cancel));
        }
    }

    [Fact]
    public async Task SaveAsync_LargeSnapshot_RoundTrips()
    {
        var store = await OpenAsync();
        var large = new CustomerSnapshot(10_000, 1, $"{{\"keys\":[{string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"k-{i}\""))}]}}");

        await store.SaveAsync("big", large, Cancel);

        Assert.Equal(large, await store.LoadAsync("big", Cancel));
    }
}
