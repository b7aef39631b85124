using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.Storage;

public sealed class SqliteEventLogTests : IAsyncDisposable
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private readonly List<SqliteEventLog> _opened = [];

    private string Path => System.IO.Path.Combine(_directory, "events.db");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var log in _opened)
        {
            await log.DisposeAsync();
        }

        CrmTestHost.TryDelete(_directory);
    }

    [Fact]
    public async Task AppendAsync_SeveralEvents_WritesThemTogetherWithIncreasingPositions()
    {
        var log = Open();
        var events = Batch("c1", 0, Person("Ada", "Lovelace"), Note(2), Note(3));

        var positions = await log.AppendAsync("c1", 0, events, Cancel);

        Assert.Equal(3, positions.Count);
        Assert.Equal([positions[0], positions[0] + 1, positions[0] + 2], positions);
        var stored = await ReadStreamAsync(log, "c1");
        Assert.Equal([1L, 2, 3], stored.Select(e => e.Sequence));
        Assert.Equal(positions, stored.Select(e => e.Position));
        Assert.Equal(events.Select(e => e.EventId), stored.Select(e => e.EventId));
        Assert.Equal(positions[^1], await log.GetHeadPositionAsync(Cancel));
    }

    [Fact]
    public async Task AppendAsync_LaterEventClashesWithExistingEventId_WritesNoneOfTheEvents()
    {
        var log = Open();
        var other = Batch("other", 0, Person("Other", "Customer"));
        await log.AppendAsync("other", 0, other, Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);
        var clashing = new[] { Envelope("c1", 1, Person("Ada", "Lovelace")), Envelope("c1", 2, Note(2), eventId: other[0].EventId) };

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 0, clashing, Cancel));

        Assert.Empty(await ReadStreamAsync(log, "c1"));
        Assert.Equal(head, await log.GetHeadPositionAsync(Cancel));
        Assert.Single(await log.ReadAllAsync(null, 0, 100, Cancel));
    }

    [Fact]
    public async Task AppendAsync_StaleExpectedSequence_ThrowsAndWritesNothing()
    {
        var log = Open();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);
        await log.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);

        var stale = await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 1, Batch("c1", 1, Note(99)), Cancel));
        var fresh = await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 0, Batch("c1", 0, Note(98)), Cancel));

        Assert.Equal("c1", stale.CustomerId);
        Assert.Equal(1, stale.ExpectedSequence);
        Assert.Equal(0, fresh.ExpectedSequence);
        var stored = await ReadStreamAsync(log, "c1");
        Assert.Equal([1L, 2], stored.Select(e => e.Sequence));
        Assert.Equal("note 2", Assert.IsType<Sdk.Events.InteractionRecorded>(stored[1].Event).Subject);
        Assert.Equal(head, await log.GetHeadPositionAsync(Cancel));
    }

    [Fact]
    public async Task AppendAsync_ExpectedSequenceAheadOfStream_ThrowsSoNoGapIsWritten()
    {
        var log = Open();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 5, Batch("c1", 5, Note(6)), Cancel));

        Assert.Equal([1L], (await ReadStreamAsync(log, "c1")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendAsync_EventsNotNumberedAfterExpectedSequence_ThrowsArgumentException()
    {
        var log = Open();

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("c1", 0, [Envelope("c1", 2, Note(2))], Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("c1", 0, [Envelope("c2", 1, Note(1))], Cancel));

        Assert.Equal(0, await log.GetHeadPositionAsync(Cancel));
    }

    [Fact]
    public async Task AppendAsync_SameEventIdsAgain_ReturnsSamePositionsWithoutDuplicates()
    {
        var log = Open();
        var first = Batch("c1", 0, Person("Ada", "Lovelace"), Note(2));
        var positions = await log.AppendAsync("c1", 0, first, Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);

        var retried = await log.AppendAsync("c1", 0, first, Cancel);
        await log.AppendAsync("c1", 2, Batch("c1", 2, Note(3)), Cancel);
        var retriedAfterMore = await log.AppendAsync("c1", 0, first, Cancel);

        Assert.Equal(positions, retried);
        Assert.Equal(positions, retriedAfterMore);
        Assert.Equal(head + 1, await log.GetHeadPositionAsync(Cancel));
        var all = await log.ReadAllAsync(null, 0, 100, Cancel);
        Assert.Equal(3, all.Count);
        Assert.Equal(3, all.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task AppendAsync_SameSequencesWithNewEventIds_IsAConflictNotARetry()
    {
        var log = Open();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel));

        Assert.Single(await ReadStreamAsync(log, "c1"));
    }

    [Fact]
    public async Task ReadStreamAsync_FromSequence_ReturnsThatEventAndLaterInOrder()
    {
        var log = Open();
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
        var log = Open();
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
        var log = Open(new SqliteEventLogOptions { PartitionCount = 4 });
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
            Assert.All(events, e => Assert.Equal(partition, ((IEventLog)log).PartitionOf(e.CustomerId)));
            AssertOrdered(events);
            var tail = events.Count > 2 ? await log.ReadAllAsync(partition, events[1].Position, 10_000, Cancel) : events;
            Assert.Equal(events.Skip(events.Count > 2 ? 2 : 0).Select(e => e.Position), tail.Select(e => e.Position));
            byPartition.AddRange(events);
        }

        Assert.Equal(all.Select(e => e.Position), byPartition.Select(e => e.Position).Order());
        Assert.True(all.Select(e => ((IEventLog)log).PartitionOf(e.CustomerId)).Distinct().Count() > 1);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppenders_AllEventsPresentGapFreeWithUniquePositions()
    {
        const int Customers = 200;
        const int AppendsEach = 20;
        var log = Open();
        var returned = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();

        await Task.WhenAll(Enumerable.Range(0, Customers).Select(c => Task.Run(
            async () =>
            {
                var customer = $"load-{c:D3}";
                for (var seq = 0; seq < AppendsEach; seq++)
                {
                    var batch = Batch(customer, seq, Note(seq + 1));
                    var positions = await log.AppendAsync(customer, seq, batch, Cancel);
                    returned[batch[0].EventId] = Assert.Single(positions);
                }
            },
            Cancel)));

        var all = await log.ReadAllAsync(null, 0, 100_000, Cancel);
        Assert.Equal(Customers * AppendsEach, all.Count);
        AssertOrdered(all);
        Assert.Equal(all.Count, all.Select(e => e.Position).Distinct().Count());
        Assert.Equal(all.Count, all.Select(e => e.EventId).Distinct().Count());
        Assert.All(all, e => Assert.Equal(returned[e.EventId], e.Position));
        Assert.All(all.GroupBy(e => e.CustomerId), g => Assert.Equal(Enumerable.Range(1, AppendsEach).Select(i => (long)i), g.Select(e => e.Sequence)));
        Assert.Equal(all[^1].Position, await log.GetHeadPositionAsync(Cancel));
    }

    [Fact]
    public async Task AppendAsync_RacingWritersOnOneStream_ExactlyOneWinsEachSequence()
    {
        var log = Open();
        var attempts = Enumerable.Range(0, 20).Select(i => Batch("contended", 0, Note(i))).ToArray();

        var outcomes = await Task.WhenAll(attempts.Select(batch => Outcome(log.AppendAsync("contended", 0, batch, Cancel))));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Equal(19, outcomes.Count(o => o is StreamConcurrencyException));
        var stored = Assert.Single(await ReadStreamAsync(log, "contended"));
        Assert.Equal(attempts[Array.IndexOf(outcomes, null)][0].EventId, stored.EventId);
    }

    [Fact]
    public async Task AppendAsync_OneConflictAmongQueuedAppends_FailsOnlyThatAppend()
    {
        var log = Open();
        await log.AppendAsync("victim", 0, Batch("victim", 0, Person("Vic", "Tim"), Note(2)), Cancel);
        var existing = (await ReadStreamAsync(log, "victim"))[0];

        // Queue everything without awaiting in between, so the writer takes them in as few groups as it can.
        var good = Enumerable.Range(0, 50).Select(i => log.AppendAsync($"good-{i}", 0, Batch($"good-{i}", 0, Note(1), Note(2)), Cancel)).ToList();
        var stale = log.AppendAsync("victim", 1, Batch("victim", 1, Note(99)), Cancel);
        var clash = log.AppendAsync("clash", 0, [Envelope("clash", 1, Note(1), eventId: existing.EventId)], Cancel);
        good.AddRange(Enumerable.Range(50, 50).Select(i => log.AppendAsync($"good-{i}", 0, Batch($"good-{i}", 0, Note(1), Note(2)), Cancel)));

        var positions = await Task.WhenAll(good);
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => stale);
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => clash);

        Assert.All(positions, p => Assert.Equal(2, p.Count));
        Assert.Equal(200, positions.SelectMany(p => p).Distinct().Count());
        var all = await log.ReadAllAsync(null, 0, 10_000, Cancel);
        Assert.Equal(202, all.Count);
        Assert.Equal([1L, 2], (await ReadStreamAsync(log, "victim")).Select(e => e.Sequence));
        Assert.Empty(await ReadStreamAsync(log, "clash"));
    }

    [Fact]
    public async Task DisposeAsync_ThenReopen_KeepsEventsHeadAndPartitionCount()
    {
        var log = Open(new SqliteEventLogOptions { PartitionCount = 8 });
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace"), Note(2)), Cancel);
        await log.AppendAsync("c2", 0, Batch("c2", 0, Organisation("Contoso")), Cancel);
        var before = await log.ReadAllAsync(null, 0, 100, Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);
        await log.DisposeAsync();
        _opened.Remove(log);

        var reopened = Open(new SqliteEventLogOptions { PartitionCount = 32 });

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
        var log = Open();
        var pending = Enumerable.Range(0, 20).Select(i => log.AppendAsync($"c{i}", 0, Batch($"c{i}", 0, Note(1)), Cancel)).ToArray();

        await log.DisposeAsync();
        _opened.Remove(log);

        Assert.All(await Task.WhenAll(pending), p => Assert.Single(p));
        Assert.Throws<ObjectDisposedException>(() => { _ = log.AppendAsync("late", 0, Batch("late", 0, Note(1)), Cancel); });
        var reopened = Open();
        Assert.Equal(20, (await reopened.ReadAllAsync(null, 0, 100, Cancel)).Count);
    }

    [Fact]
    public async Task WaitForAppendAsync_AnAppendArrives_CompletesWithoutWaitingForTheTimeout()
    {
        var log = Open();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Note(1)), Cancel);
        var head = await log.GetHeadPositionAsync(Cancel);

        var alreadyPast = log.WaitForAppendAsync(head - 1, TimeSpan.FromMinutes(5), Cancel);
        var waiting = log.WaitForAppendAsync(head, TimeSpan.FromMinutes(5), Cancel);
        Assert.True(alreadyPast.IsCompletedSuccessfully);
        await log.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel);

        await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.Equal(head + 1, await log.GetHeadPositionAsync(Cancel));
    }

    private SqliteEventLog Open(SqliteEventLogOptions? options = null)
    {
        var log = new SqliteEventLog(Path, options ?? new SqliteEventLogOptions(), NullLogger<SqliteEventLog>.Instance);
        _opened.Add(log);
        return log;
    }

    private static EventEnvelope[] Batch(string customerId, long expectedSequence, params ICustomerEvent[] events) =>
        events.Select((e, i) => Envelope(customerId, expectedSequence + 1 + i, e)).ToArray();

    private static async Task<List<EventEnvelope>> ReadStreamAsync(SqliteEventLog log, string customerId, long from = 1)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in log.ReadStreamAsync(customerId, from, Cancel))
        {
            events.Add(e);
        }

        return events;
    }

    private static void AssertOrdered(IReadOnlyList<EventEnvelope> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Position > events[i - 1].Position, $"Position {events[i].Position} follows {events[i - 1].Position}.");
        }

        foreach (var stream in events.GroupBy(e => e.CustomerId))
        {
            var sequences = stream.Select(e => e.Sequence).ToArray();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
