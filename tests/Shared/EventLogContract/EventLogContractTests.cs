using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>
/// What every <see cref="IEventLog"/> must do, run against each implementation by a subclass that
/// says how to open its log: the SQLite and PostgreSQL logs (in the host's tests, through
/// <see cref="DurableEventLogContractTests"/>) and the in-memory log the grain tests run on. The
/// source lives in tests/Shared and is compiled into both test projects, so one suite holds every
/// implementation to the same rules. Each test starts from an empty store.
/// </summary>
public abstract partial class EventLogContractTests : IAsyncDisposable
{
    private readonly List<IEventLog> _opened = [];

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var log in _opened)
        {
            if (log is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        _opened.Clear();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AppendAsync_SeveralEvents_WritesThemTogetherWithIncreasingPositions()
    {
        var log = await OpenAsync();
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
        var log = await OpenAsync();
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
        var log = await OpenAsync();
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
        var log = await OpenAsync();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 5, Batch("c1", 5, Note(6)), Cancel));

        Assert.Equal([1L], (await ReadStreamAsync(log, "c1")).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendAsync_EventsNotNumberedAfterExpectedSequence_ThrowsArgumentException()
    {
        var log = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("c1", 0, [Envelope("c1", 2, Note(2))], Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("c1", 0, [Envelope("c2", 1, Note(1))], Cancel));

        Assert.Equal(0, await log.GetHeadPositionAsync(Cancel));
    }

    [Fact]
    public async Task AppendAsync_SameEventIdsAgain_ReturnsSamePositionsWithoutDuplicates()
    {
        var log = await OpenAsync();
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
        var log = await OpenAsync();
        await log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 0, Batch("c1", 0, Person("Ada", "Lovelace")), Cancel));

        Assert.Single(await ReadStreamAsync(log, "c1"));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentAppenders_AllEventsPresentGapFreeWithUniquePositions()
    {
        const int Customers = 200;
        const int AppendsEach = 20;
        var log = await OpenAsync();
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
        var log = await OpenAsync();
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
        var log = await OpenAsync();
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
    public async Task AppendAsync_ClashingAppendAndOneBuiltOnItQueuedTogether_BothFailAndLeaveNoGap()
    {
        var log = await OpenAsync();
        var existing = Batch("other", 0, Person("Other", "Customer"));
        await log.AppendAsync("other", 0, existing, Cancel);

        var before = log.AppendAsync("good-1", 0, Batch("good-1", 0, Note(1)), Cancel);
        var clash = log.AppendAsync("c1", 0, [Envelope("c1", 1, Note(1), eventId: existing[0].EventId)], Cancel);
        var builtOnIt = log.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel);
        var after = log.AppendAsync("good-2", 0, Batch("good-2", 0, Note(1)), Cancel);

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => clash);
        await Assert.ThrowsAsync<StreamConcurrencyException>(() => builtOnIt);
        Assert.Single(await before);
        Assert.Single(await after);
        Assert.Empty(await ReadStreamAsync(log, "c1"));
        Assert.Equal(3, (await log.ReadAllAsync(null, 0, 100, Cancel)).Count);
        Assert.Single(await log.AppendAsync("c1", 0, Batch("c1", 0, Note(1)), Cancel));
    }

    [Fact]
    public async Task AppendAsync_AppendsToOneStreamQueuedTogether_EachFollowsTheOneBefore()
    {
        var log = await OpenAsync();
        var first = Batch("c1", 0, Person("Ada", "Lovelace"), Note(2));
        var second = Batch("c1", 2, Note(3));

        var queued = new[]
        {
            log.AppendAsync("c1", 0, first, Cancel),
            log.AppendAsync("c1", 2, second, Cancel),
            log.AppendAsync("c1", 0, first, Cancel),
            log.AppendAsync("c1", 3, Batch("c1", 3, Note(4)), Cancel),
            log.AppendAsync("c1", 3, Batch("c1", 3, Note(99)), Cancel),
        };
        var outcomes = await Task.WhenAll(queued.Select(Outcome));

        Assert.Null(outcomes[0]);
        Assert.Null(outcomes[1]);
        Assert.Null(outcomes[2]);
        Assert.Equal(await queued[0], await queued[2]);
        Assert.True((await queued[1])[0] > (await queued[0])[^1]);
        Assert.Single(outcomes.Skip(3), o => o is null);
        Assert.Single(outcomes.Skip(3), o => o is StreamConcurrencyException);
        var stored = await ReadStreamAsync(log, "c1");
        Assert.Equal([1L, 2, 3, 4], stored.Select(e => e.Sequence));
        AssertOrdered(stored);
        Assert.Equal(4, (await log.ReadAllAsync(null, 0, 100, Cancel)).Count);
    }
}
