using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>The reading half of the contract: streams, the whole log, and waiting.</summary>
public abstract partial class EventLogContractTests
{
    [Fact]
    public async Task ReadStreamAsync_FromSequence_ReturnsThatEventAndLaterInOrder()
    {
        var log = await OpenAsync();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace"), Note(2), Note(3)), Cancel);
        await log.AppendAsync("c2", 0, Batch("c2", 0, Person("Bob", "Builder")), Cancel);
        await log.AppendAsync("c1", 3, Batch("c1", 3, Note(4), Note(5)), Cancel);

        var fromThree = await ReadStreamAsync(log, "c1", 3);
        var backward = await log.ReadStreamBackwardAsync("c1", 5, 2, Cancel);

        Assert.Equal([3L, 4, 5], fromThree.Select(e => e.Sequence));
        Assert.All(fromThree, e => Assert.Equal("c1", e.CustomerId));
        Assert.True(fromThree.Select(e => e.Position).SequenceEqual(fromThree.Select(e => e.Position).Order()));
        Assert.Equal([4L, 3], backward.Select(e => e.Sequence));
        Assert.Empty(await ReadStreamAsync(log, "c1", 6));
        Assert.Empty(await ReadStreamAsync(log, "nobody"));
    }

    [Fact]
    public async Task ReadStreamAsync_StoredEnvelope_KeepsEveryField()
    {
        var log = await OpenAsync();
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(9);
        var sent = new EventEnvelope(Guid.NewGuid(), "c1", 1, 0, at, at.AddSeconds(1), "api-key:abc", "corr-42", "idem-1", Person("Zoë", "Ångström", "zoe@example.com"));

        await log.AppendAsync("c1", 0, [sent], Cancel);

        var stored = Assert.Single(await ReadStreamAsync(log, "c1"));
        Assert.Equal(sent.EventId, stored.EventId);
        Assert.Equal(sent.OccurredAt, stored.OccurredAt);
        Assert.Equal(sent.RecordedAt, stored.RecordedAt);
        Assert.Equal("api-key:abc", stored.Actor);
        Assert.Equal("corr-42", stored.CorrelationId);
        Assert.Equal("idem-1", stored.IdempotencyKey);
        Assert.Equal("crm.customer.registered.v1", stored.Type);
        var registered = Assert.IsType<CustomerRegistered>(stored.Event);
        Assert.Equal("Zoë", registered.FirstName);
        Assert.Equal("Ångström", registered.LastName);
        Assert.Equal(["zoe@example.com"], registered.Emails);
    }

    [Fact]
    public async Task ReadAllAsync_AcrossAndPerPartition_ReturnsPositionOrderAndEachStreamInSequenceOrder()
    {
        var log = await OpenAsync(partitionCount: 4);
        var customers = Enumerable.Range(0, 12).Select(i => $"cust-{i}").ToArray();
        for (var round = 0; round < 5; round++)
        {
            foreach (var customer in customers)
            {
                await log.AppendAsync(customer, round, Batch(customer, round, Note(round + 1)), Cancel);
            }
        }

        var all = await log.ReadAllAsync(null, 0, 10_000, Cancel);

        Assert.Equal(60, all.Count);
        AssertOrdered(all);
        var paged = new List<EventEnvelope>();
        for (long after = 0; ;)
        {
            var page = await log.ReadAllAsync(null, after, 7, Cancel);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= 7);
            paged.AddRange(page);
            after = page[^1].Position;
        }

        Assert.Equal(all.Select(e => e.Position), paged.Select(e => e.Position));
        var fromMiddle = await log.ReadAllAsync(null, all[29].Position, 10_000, Cancel);
        Assert.Equal(all.Skip(30).Select(e => e.Position), fromMiddle.Select(e => e.Position));

        var byPartition = new List<EventEnvelope>();
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            var events = await log.ReadAllAsync(partition, 0, 10_000, Cancel);
            Assert.All(events, e => Assert.Equal(partition, log.PartitionOf(e.CustomerId)));
            AssertOrdered(events);
            var tail = events.Count > 2 ? await log.ReadAllAsync(partition, events[1].Position, 10_000, Cancel) : events;
            Assert.Equal(events.Skip(events.Count > 2 ? 2 : 0).Select(e => e.Position), tail.Select(e => e.Position));
            byPartition.AddRange(events);
        }

        Assert.Equal(all.Select(e => e.Position), byPartition.Select(e => e.Position).Order());
        Assert.True(all.Select(e => log.PartitionOf(e.CustomerId)).Distinct().Count() > 1);
    }

    [Fact]
    public async Task CountAfterAsync_AcrossAndPerPartition_CountsTheEventsAFollowerHasStillToRead()
    {
        var log = await OpenAsync(partitionCount: 4);
        Assert.Equal(0, await log.CountAfterAsync(null, 0, Cancel));
        Assert.Equal(0, await log.CountAfterAsync(2, 0, Cancel));
        for (var i = 0; i < 10; i++)
        {
            await log.AppendAsync($"cust-{i}", 0, Batch($"cust-{i}", 0, Note(1), Note(2)), Cancel);
        }

        var all = await log.ReadAllAsync(null, 0, 1_000, Cancel);

        Assert.Equal(20, await log.CountAfterAsync(null, 0, Cancel));
        Assert.Equal(13, await log.CountAfterAsync(null, all[6].Position, Cancel));
        Assert.Equal(0, await log.CountAfterAsync(null, all[^1].Position, Cancel));
        Assert.Equal(0, await log.CountAfterAsync(null, all[^1].Position + 100, Cancel));
        for (var partition = 0; partition < log.PartitionCount; partition++)
        {
            var events = await log.ReadAllAsync(partition, 0, 1_000, Cancel);
            Assert.Equal(events.Count, await log.CountAfterAsync(partition, 0, Cancel));
            foreach (var (e, index) in events.Select((e, index) => (e, index)))
            {
                Assert.Equal(events.Count - index - 1, await log.CountAfterAsync(partition, e.Position, Cancel));
            }
        }

        Assert.Equal(0, await log.CountAfterAsync(log.PartitionCount, 0, Cancel));
    }

    [Fact]
    public async Task WaitForAppendAsync_AnAppendArrives_CompletesWithoutWaitingForTheTimeout()
    {
        var log = await OpenAsync();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Note(1)), Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);

        var alreadyPast = log.WaitForAppendAsync(head - 1, TimeSpan.FromMinutes(5), Cancel);
        var waiting = log.WaitForAppendAsync(head, TimeSpan.FromMinutes(5), Cancel);
        Assert.True(alreadyPast.IsCompletedSuccessfully);
        await log.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(head + 1, await log.GetHeadPositionAsync(Cancel));
    }
}
