using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Host.Plugins.Subscriptions;

namespace CrmPlatform.Host.Tests.Plugins.Storage;

/// <summary>The subscription half of the contract: checkpoints, epochs and dead letters.</summary>
public abstract partial class PluginStoreContractTests<TStore>
    where TStore : IPluginCatalogStore, ISubscriptionStore, IPluginStateStore
{
    [Fact]
    public async Task WriteCheckpointAsync_LowerPosition_KeepsTheHigherOne()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await store.ReadCheckpointAsync("p", 0, Cancel));
        Assert.Empty(await store.ReadCheckpointsAsync("p", Cancel));

        Assert.True(await store.WriteCheckpointAsync("p", 0, 10, 0, Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 0, 5, 0, Cancel));
        Assert.Equal(10, await store.ReadCheckpointAsync("p", 0, Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 0, 12, 0, Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 3, 7, 0, Cancel));
        Assert.True(await store.WriteCheckpointAsync("q", 0, 99, 0, Cancel));

        Assert.Equal(12, await store.ReadCheckpointAsync("p", 0, Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 12, [3] = 7 }, await store.ReadCheckpointsAsync("p", Cancel));
        Assert.Equal(0, await store.ReadCheckpointAsync("p", 1, Cancel));
    }

    [Fact]
    public async Task WriteCheckpointAsync_StaleOrFutureEpoch_ReturnsFalseAndDoesNotMove()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await store.ReadEpochAsync("p", Cancel));
        Assert.False(await store.WriteCheckpointAsync("p", 0, 10, 1, Cancel));
        Assert.Empty(await store.ReadCheckpointsAsync("p", Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 0, 10, 0, Cancel));

        Assert.Equal(1, await store.ResetAsync("p", 2, 3, Cancel));

        Assert.False(await store.WriteCheckpointAsync("p", 0, 100, 0, Cancel));
        Assert.False(await store.WriteCheckpointAsync("p", 5, 100, 0, Cancel));
        Assert.False(await store.WriteCheckpointAsync("p", 0, 100, 2, Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 3, [1] = 3 }, await store.ReadCheckpointsAsync("p", Cancel));
        Assert.True(await store.WriteCheckpointAsync("p", 0, 4, 1, Cancel));
        Assert.Equal(4, await store.ReadCheckpointAsync("p", 0, Cancel));
    }

    [Fact]
    public async Task ResetAsync_CheckpointsAhead_MovesEveryPartitionBackAndRaisesTheEpoch()
    {
        var store = await OpenAsync();
        for (var partition = 0; partition < 4; partition++)
        {
            await store.WriteCheckpointAsync("p", partition, 100 + partition, 0, Cancel);
        }

        await store.WriteCheckpointAsync("q", 0, 100, 0, Cancel);

        Assert.Equal(1, await store.ResetAsync("p", 4, 10, Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 10, [1] = 10, [2] = 10, [3] = 10 }, await store.ReadCheckpointsAsync("p", Cancel));
        Assert.Equal(2, await store.ResetAsync("p", 4, 0, Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 0, [1] = 0, [2] = 0, [3] = 0 }, await store.ReadCheckpointsAsync("p", Cancel));
        Assert.Equal(2, await store.ReadEpochAsync("p", Cancel));
        Assert.Equal(1, await store.ResetAsync("fresh", 2, 50, Cancel));
        Assert.Equal(new Dictionary<int, long> { [0] = 50, [1] = 50 }, await store.ReadCheckpointsAsync("fresh", Cancel));
        Assert.Equal(100, await store.ReadCheckpointAsync("q", 0, Cancel));
        Assert.Equal(0, await store.ReadEpochAsync("q", Cancel));
    }

    [Fact]
    public async Task WriteCheckpointAsync_EightConcurrentWriters_EndsAtTheHighestPosition()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync() };

        var written = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(
            async () =>
            {
                var store = stores[writer % stores.Length];
                for (var i = 0; i < 25; i++)
                {
                    // Interleaved and out of order: writer 3 writes 3, 211, 19, 227, …
                    var position = (i % 2 == 0 ? i : 200 + i) * 8 + writer;
                    Assert.True(await store.WriteCheckpointAsync("p", 0, position, 0, Cancel));
                }

                return (long)((200 + 23) * 8 + writer);
            },
            Cancel)));

        Assert.Equal(written.Max(), await stores[0].ReadCheckpointAsync("p", 0, Cancel));
    }

    [Fact]
    public async Task ResetAsync_WhileStaleWritersRace_NoWriteLandsPastTheReset()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        using var resetDone = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(
            async () =>
            {
                var store = stores[writer % stores.Length];
                var refused = 0;
                for (var position = 1_000L + writer; refused < 5; position += 8)
                {
                    if (!await store.WriteCheckpointAsync("p", 0, position, 0, Cancel) && resetDone.IsCancellationRequested)
                    {
                        refused++;
                    }
                }
            },
            Cancel)).ToArray();

        while (await stores[0].ReadCheckpointAsync("p", 0, Cancel) < 1_200)
        {
            await Task.Yield();
        }

        Assert.Equal(1, await stores[1].ResetAsync("p", 1, 10, Cancel));
        await resetDone.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(10, await stores[0].ReadCheckpointAsync("p", 0, Cancel));
    }

    [Fact]
    public async Task ParkAsync_SameEventAgain_UpdatesAttemptsErrorAndTime()
    {
        var store = await OpenAsync();
        var first = Letter("p", 42, attempts: 3);

        await store.ParkAsync(first, Cancel);
        var again = first with { Attempts = 6, Error = "System.TimeoutException: slow", ParkedAt = first.ParkedAt.AddHours(1) };
        await store.ParkAsync(again, Cancel);

        Assert.Equal(again, await store.FindDeadLetterAsync("p", first.EventId, Cancel));
        Assert.Equal(1, await store.CountDeadLettersAsync("p", Cancel));
        Assert.Null(await store.FindDeadLetterAsync("q", first.EventId, Cancel));
        Assert.Null(await store.FindDeadLetterAsync("p", Guid.NewGuid(), Cancel));
    }

    [Fact]
    public async Task ListDeadLettersAsync_SeveralParked_OldestPositionFirstUpToTheLimit()
    {
        var store = await OpenAsync();
        var letters = new[] { 30L, 10, 20, 50, 40 }.Select(position => Letter("p", position)).ToArray();
        foreach (var letter in letters)
        {
            await store.ParkAsync(letter, Cancel);
        }

        await store.ParkAsync(Letter("q", 1), Cancel);

        Assert.Equal(letters.OrderBy(l => l.Position), await store.ListDeadLettersAsync("p", 100, Cancel));
        Assert.Equal([10L, 20, 30], (await store.ListDeadLettersAsync("p", 3, Cancel)).Select(l => l.Position));
        Assert.Equal(5, await store.CountDeadLettersAsync("p", Cancel));
        Assert.Equal(0, await store.CountDeadLettersAsync("nobody", Cancel));
        Assert.Empty(await store.ListDeadLettersAsync("nobody", 100, Cancel));
    }

    [Fact]
    public async Task RemoveDeadLetterAsync_Parked_RemovesItOnce()
    {
        var store = await OpenAsync();
        var kept = Letter("p", 1);
        var removed = Letter("p", 2);
        await store.ParkAsync(kept, Cancel);
        await store.ParkAsync(removed, Cancel);
        await store.ParkAsync(removed with { PluginId = "q" }, Cancel);

        Assert.True(await store.RemoveDeadLetterAsync("p", removed.EventId, Cancel));
        Assert.False(await store.RemoveDeadLetterAsync("p", removed.EventId, Cancel));

        Assert.Equal([kept], await store.ListDeadLettersAsync("p", 10, Cancel));
        Assert.Null(await store.FindDeadLetterAsync("p", removed.EventId, Cancel));
        Assert.NotNull(await store.FindDeadLetterAsync("q", removed.EventId, Cancel));
        Assert.Equal(1, await store.CountDeadLettersAsync("p", Cancel));
    }
}
