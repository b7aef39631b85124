using CrmPlatform.Grains.EventLog;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>
/// The contract of a log that outlives its process: everything in <see cref="EventLogContractTests"/>,
/// plus closing (queued appends complete first) and reopening (events, head and partition count kept).
/// The in-memory log has no second life, so it runs only the base suite.
/// </summary>
public abstract class DurableEventLogContractTests : EventLogContractTests
{
    [Fact]
    public async Task DisposeAsync_ThenReopen_KeepsEventsHeadAndPartitionCount()
    {
        var log = await OpenAsync(partitionCount: 8);
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace"), Note(2)), Cancel);
        await log.AppendAsync("c2", 0, Batch("c2", 0, Organisation("Contoso")), Cancel);
        var before = await log.ReadAllAsync(null, 0, 100, Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);
        await CloseAsync(log);

        var reopened = await OpenAsync(partitionCount: 32);

        Assert.Equal(8, reopened.PartitionCount);
        Assert.Equal(head, await reopened.GetHeadPositionAsync(Cancel));
        var after = await reopened.ReadAllAsync(null, 0, 100, Cancel);
        Assert.Equal(before.Select(e => (e.EventId, e.CustomerId, e.Sequence, e.Position, e.Type)), after.Select(e => (e.EventId, e.CustomerId, e.Sequence, e.Position, e.Type)));
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => reopened.AppendAsync("c1", 1, Batch("c1", 1, Note(9)), Cancel));
        var next = await reopened.AppendAsync("c1", 2, Batch("c1", 2, Note(3)), Cancel);
        Assert.True(next[0] > head);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedAppends_CompletesThemFirst()
    {
        var log = await OpenAsync();
        var pending = Enumerable.Range(0, 20).Select(i => log.AppendAsync($"c{i}", 0, Batch($"c{i}", 0, Note(1)), Cancel)).ToArray();

        await CloseAsync(log);

        Assert.All(await Task.WhenAll(pending), p => Assert.Single(p));
        Assert.Throws<ObjectDisposedException>(() => { _ = log.AppendAsync("late", 0, Batch("late", 0, Note(1)), Cancel); });
        var reopened = await OpenAsync();
        Assert.Equal(20, (await reopened.ReadAllAsync(null, 0, 100, Cancel)).Count);
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_KeepsEachStreamsKindOwnerAndSequence()
    {
        var log = await OpenAsync(partitionCount: 4);
        var ticket = StreamKey.OwnedBy(CaseKind, "case-1", "c1");
        var campaign = StreamKey.Unowned(CampaignKind, "campaign-1");
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);
        await log.AppendAsync(ticket, 0, Batch(ticket, 0, Note(1), Note(2)), Cancel);
        await log.AppendAsync(campaign, 0, Batch(campaign, 0, Note(1)), Cancel);
        await CloseAsync(log);

        var reopened = await OpenAsync(partitionCount: 4);

        var all = await reopened.ReadAllAsync(null, 0, 100, Cancel);
        Assert.Equal(
            [("customer", "c1", "c1", 1L), (CaseKind, "case-1", "c1", 1L), (CaseKind, "case-1", "c1", 2L), (CampaignKind, "campaign-1", "", 1L)],
            all.Select(e => (e.StreamKind, e.StreamId, e.CustomerId, e.Sequence)));
        Assert.Equal(3, (await reopened.ReadAllAsync(reopened.PartitionOf("c1"), 0, 100, Cancel)).Count(e => e.CustomerId == "c1"));
        Assert.Equal(
            all.Where(e => reopened.PartitionOf(campaign) == reopened.PartitionOf(StreamKey.Of(e))).Select(e => e.EventId),
            (await reopened.ReadAllAsync(reopened.PartitionOf(campaign), 0, 100, Cancel)).Select(e => e.EventId));
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => reopened.AppendAsync(ticket, 1, Batch(ticket, 1, Note(9)), Cancel));
        Assert.Single(await reopened.AppendAsync(ticket, 2, Batch(ticket, 2, Note(3)), Cancel));
        Assert.Equal([1L, 2, 3], (await ReadStreamAsync(reopened, ticket)).Select(e => e.Sequence));
    }
}
