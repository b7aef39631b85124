using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>
/// Streams of other kinds than a customer's own: a case-like stream that a customer owns shares the
/// customer's partition, and a campaign-like one that nobody owns partitions by its own id. Each has
/// its own sequence, concurrency and retries.
/// </summary>
public abstract partial class EventLogContractTests
{
    [Fact]
    public async Task AppendAsync_OwnedStreamInterleavedWithItsCustomer_ReadsBackByStreamAndInTheCustomersPartitionInLogOrder()
    {
        var log = await OpenAsync(partitionCount: 4);
        var ticket = StreamKey.OwnedBy(CaseKind, "case-1", "c1");
        var otherTicket = StreamKey.OwnedBy(CaseKind, "case-2", "c2");
        var appended = new List<EventEnvelope>();
        async Task AppendAsync(StreamKey stream, long expected, params ICustomerEvent[] events)
        {
            var batch = Batch(stream, expected, events);
            await log.AppendAsync(stream, expected, batch, Cancel);
            appended.AddRange(batch);
        }

        await AppendAsync(StreamKey.Customer("c1"), 0, Person("Ada", "Lovelace"), Note(2));
        await AppendAsync(ticket, 0, Note(101));
        await AppendAsync(StreamKey.Customer("c2"), 0, Person("Bob", "Builder"));
        await AppendAsync(StreamKey.Customer("c1"), 2, Note(3));
        await AppendAsync(otherTicket, 0, Note(201));
        await AppendAsync(ticket, 1, Note(102), Note(103));

        var byStream = await ReadStreamAsync(log, ticket);
        var customerOwn = await ReadStreamAsync(log, "c1");
        var backward = await log.ReadStreamBackwardAsync(ticket, 4, 2, Cancel);
        var partition = await log.ReadAllAsync(log.PartitionOf("c1"), 0, 1_000, Cancel);

        Assert.Equal([1L, 2, 3], byStream.Select(e => e.Sequence));
        Assert.All(byStream, e => Assert.Equal((CaseKind, "case-1", "c1"), (e.StreamKind, e.StreamId, e.CustomerId)));
        Assert.Equal(["note 101", "note 102", "note 103"], byStream.Select(e => Assert.IsType<InteractionRecorded>(e.Event).Subject));
        Assert.Equal([3L, 2], backward.Select(e => e.Sequence));
        Assert.Equal([1L, 2, 3], customerOwn.Select(e => e.Sequence));
        Assert.All(customerOwn, e => Assert.Equal((StreamKinds.Customer, "c1", "c1"), (e.StreamKind, e.StreamId, e.CustomerId)));
        Assert.Equal(log.PartitionOf("c1"), log.PartitionOf(ticket));
        var expectedOrder = appended.Where(e => e.CustomerId == "c1").Select(e => e.EventId);
        Assert.Equal(expectedOrder, partition.Where(e => e.CustomerId == "c1").Select(e => e.EventId));
        Assert.Equal(
            appended.Where(e => log.PartitionOf(StreamKey.Of(e)) == log.PartitionOf("c1")).Select(e => e.EventId),
            partition.Select(e => e.EventId));
        AssertOrdered(partition);
        Assert.Equal(8, (await log.ReadAllAsync(null, 0, 1_000, Cancel)).Count);
    }

    [Fact]
    public async Task AppendAsync_StreamsOfTwoKindsWithOneId_KeepSeparateSequences()
    {
        var log = await OpenAsync();
        var sameId = StreamKey.OwnedBy(CaseKind, "c1", "c1");

        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace"), Note(2)), Cancel);
        var positions = await log.AppendAsync(sameId, 0, Batch(sameId, 0, Note(1)), Cancel);

        Assert.Single(positions);
        Assert.Equal([1L, 2], (await ReadStreamAsync(log, "c1")).Select(e => e.Sequence));
        Assert.Equal([1L], (await ReadStreamAsync(log, sameId)).Select(e => e.Sequence));
        Assert.Equal(CaseKind, Assert.Single(await ReadStreamAsync(log, sameId)).StreamKind);
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSequenceOnOwnedStream_ThrowsForThatStreamOnly()
    {
        var log = await OpenAsync();
        var ticket = StreamKey.OwnedBy(CaseKind, "case-1", "c1");
        await log.AppendAsync(ticket, 0, Batch(ticket, 0, Note(1), Note(2)), Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);

        var stale = await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync(ticket, 1, Batch(ticket, 1, Note(99)), Cancel));
        var ahead = await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync(ticket, 5, Batch(ticket, 5, Note(6)), Cancel));
        var customer = await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);

        Assert.Equal((CaseKind, "case-1", "c1", 1L), (stale.StreamKind, stale.StreamId, stale.CustomerId, stale.ExpectedSequence));
        Assert.Equal(5, ahead.ExpectedSequence);
        Assert.True(customer[0] > head);
        Assert.Equal([1L, 2], (await ReadStreamAsync(log, ticket)).Select(e => e.Sequence));
        Assert.Equal([1L], (await ReadStreamAsync(log, "c1")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendAsync_SameEventsAgainOnOwnedStream_ReturnsSamePositionsWithoutDuplicates()
    {
        var log = await OpenAsync();
        var ticket = StreamKey.OwnedBy(CaseKind, "case-1", "c1");
        var first = Batch(ticket, 0, Note(1), Note(2));
        var positions = await log.AppendAsync(ticket, 0, first, Cancel);
        await log.AppendAsync(ticket, 2, Batch(ticket, 2, Note(3)), Cancel);

        var retried = await log.AppendAsync(ticket, 0, first, Cancel);
        var reusedElsewhere = await Assert.ThrowsAsync<StreamConcurrencyException>(
            () => log.AppendAsync("c1", 0, [Envelope("c1", 1, Note(1), eventId: first[0].EventId)], Cancel));
        var sameSequencesNewIds = await Assert.ThrowsAsync<StreamConcurrencyException>(
            () => log.AppendAsync(ticket, 0, Batch(ticket, 0, Note(1)), Cancel));

        Assert.Equal(positions, retried);
        Assert.Equal(StreamKinds.Customer, reusedElsewhere.StreamKind);
        Assert.Equal("case-1", sameSequencesNewIds.StreamId);
        Assert.Equal(3, (await log.ReadAllAsync(null, 0, 100, Cancel)).Count);
        Assert.Empty(await ReadStreamAsync(log, "c1"));
    }

    [Fact]
    public async Task AppendAsync_AppendsToACustomerAndItsStreamsQueuedTogether_EachStreamStaysGapFree()
    {
        var log = await OpenAsync();
        var tickets = Enumerable.Range(0, 5).Select(i => StreamKey.OwnedBy(CaseKind, $"case-{i}", "c1")).ToArray();
        var first = Batch(tickets[0], 0, Note(1));

        // Queued without awaiting in between, so the writer takes them in as few groups as it can.
        var queued = new List<Task<IReadOnlyList<long>>>
        {
            log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel),
            log.AppendAsync(tickets[0], 0, first, Cancel),
            log.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel),
            log.AppendAsync(tickets[0], 1, Batch(tickets[0], 1, Note(2)), Cancel),
            log.AppendAsync(tickets[0], 0, first, Cancel),
        };
        queued.AddRange(tickets.Skip(1).Select(t => log.AppendAsync(t, 0, Batch(t, 0, Note(1), Note(2)), Cancel)));
        var stale = log.AppendAsync(tickets[0], 1, Batch(tickets[0], 1, Note(99)), Cancel);

        var positions = await Task.WhenAll(queued);
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => stale);

        Assert.Equal(positions[1], positions[4]);
        Assert.Equal([1L, 2], (await ReadStreamAsync(log, "c1")).Select(e => e.Sequence));
        foreach (var ticket in tickets)
        {
            Assert.Equal([1L, 2], (await ReadStreamAsync(log, ticket)).Select(e => e.Sequence));
        }

        var partition = await log.ReadAllAsync(log.PartitionOf("c1"), 0, 1_000, Cancel);
        Assert.Equal(12, partition.Count);
        AssertOrdered(partition);
    }

    [Fact]
    public async Task AppendAsync_StreamThatBelongsToNoCustomer_PartitionsByItsOwnId()
    {
        var log = await OpenAsync(partitionCount: 8);
        var campaigns = Enumerable.Range(0, 16).Select(i => StreamKey.Unowned(CampaignKind, $"campaign-{i}")).ToArray();
        foreach (var campaign in campaigns)
        {
            await log.AppendAsync(campaign, 0, Batch(campaign, 0, Note(1)), Cancel);
        }

        var all = await log.ReadAllAsync(null, 0, 1_000, Cancel);

        Assert.All(all, e => Assert.Equal(string.Empty, e.CustomerId));
        Assert.Equal(campaigns.Select(c => c.Id), all.Select(e => e.StreamId));
        Assert.True(campaigns.Select(log.PartitionOf).Distinct().Count() > 1);
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            var events = await log.ReadAllAsync(partition, 0, 1_000, Cancel);
            Assert.Equal(
                campaigns.Where(c => CustomerPartitions.Of(c.Id, 8) == partition).Select(c => c.Id),
                events.Select(e => e.StreamId));
            Assert.Equal(events.Count, await log.CountAfterAsync(partition, 0, Cancel));
        }

        var stored = Assert.Single(await ReadStreamAsync(log, campaigns[3]));
        Assert.Equal((CampaignKind, "campaign-3", string.Empty, 1L), (stored.StreamKind, stored.StreamId, stored.CustomerId, stored.Sequence));
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync(campaigns[3], 0, Batch(campaigns[3], 0, Note(2)), Cancel));
    }

    [Fact]
    public async Task AppendAsync_EventsThatDoNotCarryTheStream_ThrowsArgumentException()
    {
        var log = await OpenAsync();
        var ticket = StreamKey.OwnedBy(CaseKind, "case-1", "c1");

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(ticket, 0, Batch("c1", 0, Note(1)), Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("c1", 0, Batch(ticket, 0, Note(1)), Cancel));
        var ownedByAnother = StreamKey.OwnedBy(CaseKind, "case-1", "c2");
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(ticket, 0, Batch(ownedByAnother, 0, Note(1)), Cancel));

        Assert.Equal(0, await log.GetHeadPositionAsync(Cancel));
    }
}
