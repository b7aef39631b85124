using System.Collections.Concurrent;
using System.Diagnostics;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.Storage;

/// <summary>
/// Several <see cref="PostgresEventLog"/>s on separate data sources stand in for silos sharing one
/// database: a follower reading after its last position must see every event exactly once.
/// </summary>
public sealed class PostgresEventLogFollowerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private readonly List<PostgresEventLog> _logs = [];
    private PostgresTestSchema? _schema;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadAllAsync_ThreeSilosAppendingWhileAFollowerReads_FollowerSeesEveryEventOnceInOrder()
    {
        const int Customers = 300;
        const int AppendsEach = 20;
        var silos = await OpenAsync(3);
        var follower = (await OpenAsync(1))[0];
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var following = Task.Run(() => FollowAsync(follower, writing.Task), Cancel);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Customers).Select(c => Task.Run(
            async () =>
            {
                var random = new Random(c);
                var customer = $"silo-test-{c:D3}";
                long sequence = 0;
                for (var a = 0; a < AppendsEach; a++)
                {
                    var batch = Enumerable.Range(1, random.Next(1, 4))
                        .Select(i => Envelope(customer, sequence + i, Note(sequence + i))).ToArray();
                    var positions = await silos[random.Next(silos.Count)].AppendAsync(customer, sequence, batch, Cancel);
                    for (var i = 0; i < batch.Length; i++)
                    {
                        acknowledged[batch[i].EventId] = positions[i];
                    }

                    sequence += batch.Length;
                }
            },
            Cancel)));
        var elapsed = clock.Elapsed;
        writing.SetResult();
        var seen = await following;

        var all = await follower.ReadAllAsync(null, 0, 1_000_000, Cancel);
        Assert.Equal(acknowledged.Count, all.Count);
        Assert.Equal(all.Select(e => e.EventId), seen.Select(e => e.EventId));
        Assert.Equal(seen.Count, seen.Select(e => e.EventId).Distinct().Count());
        Assert.All(seen, e => Assert.Equal(acknowledged[e.EventId], e.Position));
        Assert.All(seen.GroupBy(e => e.CustomerId), stream =>
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(i => (long)i), stream.Select(e => e.Sequence)));
        Assert.Equal(Customers, seen.Select(e => e.CustomerId).Distinct().Count());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Customers * AppendsEach} appends, {all.Count} events from {Customers} concurrent appenders over {silos.Count} logs in {elapsed.TotalMilliseconds:F0} ms: " +
            $"{Customers * AppendsEach / elapsed.TotalSeconds:F0} appends/s, {all.Count / elapsed.TotalSeconds:F0} events/s");
    }

    [Fact]
    public async Task WaitForAppendAsync_AppendInAnotherProcess_WakesTheFollowerPromptly()
    {
        var logs = await OpenAsync(2);
        var (writer, follower) = (logs[0], logs[1]);
        await follower.WaitForAppendAsync(0, TimeSpan.FromMilliseconds(300), Cancel);
        var latencies = new List<double>();

        for (var i = 0; i < 20; i++)
        {
            var head = await follower.GetHeadPositionAsync(Cancel);
            var waiting = follower.WaitForAppendAsync(head, TimeSpan.FromSeconds(30), Cancel);
            await writer.AppendAsync("c1", i, [Envelope("c1", i + 1, Note(i + 1))], Cancel);
            var acknowledgedAt = Stopwatch.GetTimestamp();
            await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledgedAt).TotalMilliseconds));
            Assert.Equal(head + 1, await follower.GetHeadPositionAsync(Cancel));
        }

        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine($"wake-up after the writer's acknowledgement: median {median:F2} ms, max {latencies[^1]:F2} ms");
        Assert.True(median < 250, $"Median wake-up {median} ms.");
    }

    [Fact]
    public async Task WaitForAppendAsync_NothingAppended_ReturnsAfterTheTimeout()
    {
        var follower = (await OpenAsync(1))[0];
        var head = await follower.GetHeadPositionAsync(Cancel);
        var clock = Stopwatch.StartNew();

        await follower.WaitForAppendAsync(head, TimeSpan.FromMilliseconds(300), Cancel).WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.InRange(clock.ElapsedMilliseconds, 250, 10_000);
        Assert.Equal(head, await follower.GetHeadPositionAsync(Cancel));
    }

    private static async Task<List<EventEnvelope>> FollowAsync(PostgresEventLog follower, Task writing)
    {
        var seen = new List<EventEnvelope>();
        long last = 0;
        var finished = false;
        while (true)
        {
            var page = await follower.ReadAllAsync(null, last, 500, Cancel);
            if (page.Count > 0)
            {
                Assert.True(page[0].Position > last);
                seen.AddRange(page);
                last = page[^1].Position;
                continue;
            }

            // Everything acknowledged was committed before the writers finished: one more read after that sees it.
            if (finished)
            {
                return seen;
            }

            finished = writing.IsCompleted;
            if (!finished)
            {
                await follower.WaitForAppendAsync(last, TimeSpan.FromSeconds(1), Cancel);
            }
        }
    }

    /// <summary>Opens <paramref name="count"/> logs, each on a data source of its own (as separate silos would).</summary>
    private async Task<IReadOnlyList<PostgresEventLog>> OpenAsync(int count)
    {
        if (_schema is null)
        {
            _schema = await PostgresTestSchema.CreateAsync(database);
            await PostgresMigrator.MigrateAsync(_schema.CreateDataSource(), "event-log", PostgresEventLog.Migrations, Cancel);
        }

        var logs = new List<PostgresEventLog>();
        for (var i = 0; i < count; i++)
        {
            var log = await PostgresEventLog.OpenAsync(_schema.CreateDataSource(), new PostgresEventLogOptions(), NullLogger<PostgresEventLog>.Instance, Cancel);
            _logs.Add(log);
            logs.Add(log);
        }

        return logs;
    }
}
