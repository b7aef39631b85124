using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Grains.Tests;

/// <summary>The fake must behave like the durable log, or the grain tests prove nothing.</summary>
public sealed class InMemoryEventLogTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_NewStream_NumbersPositionsUpwards()
    {
        var log = new InMemoryEventLog();

        var first = await log.AppendAsync("a", 0, Events("a", 0, 2));
        var second = await log.AppendAsync("b", 0, Events("b", 0, 1));
        var third = await log.AppendAsync("a", 2, Events("a", 2, 1));

        Assert.Equal([1L, 2], first);
        Assert.Equal([3L], second);
        Assert.Equal([4L], third);
        Assert.Equal(4, await log.GetHeadPositionAsync());
        Assert.Equal([1L, 2, 3], (await ReadAsync(log, "a")).Select(e => e.Sequence));
        Assert.Equal([1L, 2, 4], (await ReadAsync(log, "a")).Select(e => e.Position));
        Assert.Equal(3, log.WriteCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AppendAsync_ExpectedSequenceNotTheEnd_ThrowsStreamConcurrencyException(long expected)
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("a", 0, Events("a", 0, 2));

        var exception = await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("a", expected, Events("a", expected, 1)));

        Assert.Equal(("a", expected), (exception.CustomerId, exception.ExpectedSequence));
        Assert.Equal(2, log.EventCount);
    }

    [Fact]
    public async Task AppendAsync_SameEventsAgain_ReturnsTheirPositionsWithoutWriting()
    {
        var log = new InMemoryEventLog();
        var events = Events("a", 0, 2);
        var positions = await log.AppendAsync("a", 0, events);
        await log.AppendAsync("a", 2, Events("a", 2, 1));

        var retried = await log.AppendAsync("a", 0, events);

        Assert.Equal(positions, retried);
        Assert.Equal(3, log.EventCount);
        Assert.Equal(2, log.WriteCount);
    }

    [Fact]
    public async Task AppendAsync_OtherEventsAtTakenSequences_ThrowsStreamConcurrencyException()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("a", 0, Events("a", 0, 2));

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("a", 0, Events("a", 0, 2)));
    }

    [Fact]
    public async Task AppendAsync_MisnumberedEvents_ThrowsArgumentException()
    {
        var log = new InMemoryEventLog();

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("a", 0, Events("a", 1, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync("a", 0, Events("b", 0, 1)));
        Assert.Equal(0, log.EventCount);
    }

    [Fact]
    public async Task AppendAsync_Event_IsStoredAsItsStableJson()
    {
        var log = new InMemoryEventLog();
        var tags = new List<string> { "vip" };
        var events = new[] { Envelope("a", 1, new TagsChanged(tags, [])) };

        await log.AppendAsync("a", 0, events);
        tags.Add("changed-after-append");

        Assert.Equal(["vip"], Assert.IsType<TagsChanged>((await ReadAsync(log, "a"))[0].Event).Added);
    }

    [Fact]
    public async Task AppendAsync_ManyWritersInParallel_KeepsEveryStreamGapFreeAndPositionsUnique()
    {
        var log = new InMemoryEventLog();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(c => Task.Run(async () =>
        {
            for (var s = 0; s < 10; s++)
            {
                await log.AppendAsync($"c{c}", s, Events($"c{c}", s, 1));
            }
        })));

        var all = await log.ReadAllAsync(null, 0, 1_000);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Select(e => e.Position));
        for (var c = 0; c < 20; c++)
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), (await ReadAsync(log, $"c{c}")).Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task AppendAsync_FailureBeforeWriting_WritesNothingOnce()
    {
        var log = new InMemoryEventLog();
        log.FailNextAppend("a", afterWriting: false);

        await Assert.ThrowsAsync<IOException>(() => log.AppendAsync("a", 0, Events("a", 0, 1)));
        await log.AppendAsync("a", 0, Events("a", 0, 1));

        Assert.Equal(1, log.EventCount);
    }

    [Fact]
    public async Task AppendAsync_FailureAfterWriting_KeepsTheEventsForARetry()
    {
        var log = new InMemoryEventLog();
        var events = Events("a", 0, 2);
        log.FailNextAppend("a", afterWriting: true);

        await Assert.ThrowsAsync<IOException>(() => log.AppendAsync("a", 0, events));
        var retried = await log.AppendAsync("a", 0, events);

        Assert.Equal([1L, 2], retried);
        Assert.Equal(2, log.EventCount);
    }

    [Fact]
    public async Task ReadAllAsync_ByPartition_SplitsTheLogByCustomerInPositionOrder()
    {
        var log = new InMemoryEventLog(partitionCount: 3);
        for (var c = 0; c < 12; c++)
        {
            await log.AppendAsync($"c{c}", 0, Events($"c{c}", 0, 2));
        }

        var partitions = new List<IReadOnlyList<EventEnvelope>>();
        for (var p = 0; p < 3; p++)
        {
            partitions.Add(await log.ReadAllAsync(p, 0, 1_000));
        }

        Assert.Equal(24, partitions.Sum(p => p.Count));
        for (var p = 0; p < 3; p++)
        {
            Assert.All(partitions[p], e => Assert.Equal(p, CustomerPartitions.Of(e.CustomerId, 3)));
            Assert.Equal(partitions[p].Select(e => e.Position).Order(), partitions[p].Select(e => e.Position));
        }
    }

    [Fact]
    public async Task ReadAllAsync_AfterPositionAndMaxCount_ReturnsTheNextPage()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("a", 0, Events("a", 0, 5));

        var page = await log.ReadAllAsync(null, 2, 2);

        Assert.Equal([3L, 4], page.Select(e => e.Position));
    }

    [Fact]
    public async Task ReadStreamBackwardAsync_BeforeSequence_ReturnsNewestFirst()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("a", 0, Events("a", 0, 5));

        var page = await log.ReadStreamBackwardAsync("a", 5, 3);

        Assert.Equal([4L, 3, 2], page.Select(e => e.Sequence));
    }

    [Fact]
    public async Task WaitForAppendAsync_HeadAlreadyPast_CompletesAtOnce()
    {
        var log = new InMemoryEventLog();
        await log.AppendAsync("a", 0, Events("a", 0, 1));

        Assert.True(log.WaitForAppendAsync(0, TimeSpan.FromMinutes(1)).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitForAppendAsync_Append_CompletesTheWait()
    {
        var clock = new FakeTimeProvider(T0);
        var log = new InMemoryEventLog(time: clock);

        var wait = log.WaitForAppendAsync(0, TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);
        await log.AppendAsync("a", 0, Events("a", 0, 1));

        await wait;
        Assert.Equal(1, await log.GetHeadPositionAsync());
    }

    [Fact]
    public async Task WaitForAppendAsync_NoAppendBeforeTimeout_CompletesWhenTheClockPassesIt()
    {
        var clock = new FakeTimeProvider(T0);
        var log = new InMemoryEventLog(time: clock);

        var wait = log.WaitForAppendAsync(0, TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await wait;
        Assert.Equal(0, await log.GetHeadPositionAsync());
    }

    [Fact]
    public async Task WaitForAppendAsync_Cancelled_Throws()
    {
        var log = new InMemoryEventLog(time: new FakeTimeProvider(T0));
        using var cancel = new CancellationTokenSource();

        var wait = log.WaitForAppendAsync(0, TimeSpan.FromMinutes(1), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    private static async Task<List<EventEnvelope>> ReadAsync(InMemoryEventLog log, string customerId)
    {
        var events = new List<EventEnvelope>();
        await foreach (var envelope in log.ReadStreamAsync(customerId, 1))
        {
            events.Add(envelope);
        }

        return events;
    }

    private static EventEnvelope[] Events(string customerId, long after, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Envelope(customerId, after + i, new InteractionRecorded($"i{after + i}", "email", InteractionDirection.Inbound, null, null)))];

    private static EventEnvelope Envelope(string customerId, long sequence, ICustomerEvent e) =>
        new(Guid.NewGuid(), customerId, sequence, 0, T0, T0, "test", null, null, e);
}
