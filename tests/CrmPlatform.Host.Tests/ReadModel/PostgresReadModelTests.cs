using System.Text.Json;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>
/// The read-model contract on PostgreSQL, plus what only a shared database must do: projectors on
/// several silos applying overlapping batches at once.
/// </summary>
public sealed class PostgresReadModelTests(PostgresDatabase database) : CustomerReadModelContractTests, IClassFixture<PostgresDatabase>
{
    public override async ValueTask InitializeAsync()
    {
        // The database belongs to the class; each test starts from empty tables.
        await StoreDatabases.PostgresAsync(database.DataSource, CustomerReadModel.Schema, Cancel);
        await using var truncate = database.DataSource.CreateCommand("TRUNCATE crm_customers, crm_checkpoints, crm_stage_changes, crm_insights, crm_parked_events");
        await truncate.ExecuteNonQueryAsync(Cancel);
    }

    [Fact]
    public async Task MigrateAsync_AlreadyMigrated_RunsNothing()
    {
        Assert.Equal(0, await new PostgresSqlDatabase(database.DataSource).MigrateAsync(CustomerReadModel.Schema, Cancel));
    }

    [Fact]
    public async Task ApplyAsync_OlderBatchAfterNewer_ChangesNothingAndCheckpointStays()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        EventEnvelope[] events = [ada.Next(Person("Ada", "Lovelace")), ada.Next(new OrderPlaced("o1", 5m, "EUR", [])), ada.Next(new OrderPlaced("o2", 7m, "EUR", []))];
        await model.ApplyAsync(events, Checkpoint, "EUR", Cancel);

        await model.ApplyAsync(events[..2], Checkpoint, "EUR", Cancel);

        Assert.Equal(events[^1].Position, await model.GetCheckpointAsync(Checkpoint, Cancel));
        var item = Assert.Single((await model.ListAsync(Query(), Cancel)).Items);
        Assert.Equal(12m, item.Revenue);
        Assert.Equal(3, item.Version);
    }

    [Fact]
    public async Task ApplyAsync_TimeWithSubMicrosecondTicks_IsFlooredToTheMicrosecond()
    {
        // timestamptz keeps microseconds; SQLite keeps .NET's 100 ns ticks. Only the digits past the
        // microsecond differ, and the due-date index floors its cutoff the same way.
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        var changed = T0.AddTicks(1_234_567);

        await model.ApplyAsync([ada.Next(Person("Ada", "Lovelace"), T0), ada.Next(Stage(LifecycleStage.Prospect, LifecycleStage.Growth), changed)], Checkpoint, "EUR", Cancel);

        Assert.Equal(T0.AddTicks(1_234_560), Assert.Single((await model.ListAsync(Query(), Cancel)).Items).LastActivityAt);
        Assert.Empty(await model.FindInactiveAsync(T0.AddTicks(1_234_559), 10, Cancel));
        Assert.Equal(["ada"], await model.FindInactiveAsync(T0.AddTicks(1_234_560), 10, Cancel));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentOverlappingBatches_ApplyEveryEventOnceAndCheckpointOnlyMovesForward()
    {
        var events = History(customers: 40, events: 1_200);
        var first = await OpenAsync();
        var second = await OpenAsync();
        var random = new Random(7);
        long checkpoint = 0;
        while (checkpoint < events.Length)
        {
            // Both projectors read from (about) the checkpoint; one of them may be a little behind.
            var a = Slice(events, checkpoint - random.Next(0, 30), random.Next(1, 120));
            var b = Slice(events, checkpoint, random.Next(1, 120));
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var applying = new[] { (first, a), (second, b) }
                .Select(x => Task.Run(async () =>
                {
                    await start.Task;
                    await x.Item1.ApplyAsync(x.Item2, Checkpoint, "EUR", Cancel);
                }))
                .ToArray();
            start.SetResult();
            await Task.WhenAll(applying);

            checkpoint = Math.Max(a[^1].Position, b[^1].Position);
            Assert.Equal(checkpoint, await first.GetCheckpointAsync(Checkpoint, Cancel));
        }

        Assert.Equal(await ApplySequentiallyOnSqliteAsync(events), await ListAllJsonAsync(first));
    }

    protected override async Task<ICustomerReadModel> OpenAsync()
    {
        return new CustomerReadModel(await StoreDatabases.PostgresAsync(database.DataSource, CustomerReadModel.Schema, Cancel));
    }

    private EventEnvelope[] History(int customers, int events)
    {
        var random = new Random(42);
        var streams = Enumerable.Range(0, customers).Select(i => new EventSequence($"cust-{i:D2}", this)).ToArray();
        var history = streams.Select((s, i) => s.Next(Person($"First{i}", "Last", $"c{i}@example.com"))).ToList();
        for (var n = history.Count; n < events; n++)
        {
            var at = T0 + TimeSpan.FromMinutes(n);
            ICustomerEvent e = random.Next(4) switch
            {
                0 => new OrderPlaced($"o{n}", random.Next(1, 1000) / 4m, random.Next(5) == 0 ? "USD" : "EUR", []),
                1 => new TagsChanged([$"t{random.Next(6)}"], [$"t{random.Next(6)}"]),
                2 => new OwnerAssigned($"owner-{random.Next(3)}", null),
                _ => new InsightUpdated("value-tier", null, $"Tier{random.Next(3)}", "test"),
            };
            history.Add(streams[random.Next(customers)].Next(e, at));
        }

        return [.. history];
    }

    private static EventEnvelope[] Slice(EventEnvelope[] events, long after, int count) =>
        events.Where(e => e.Position > after).Take(count).ToArray();

    private static async Task<string> ListAllJsonAsync(ICustomerReadModel model) =>
        JsonSerializer.Serialize((await model.ListAsync(Query(limit: 10_000), Cancel)).Items);

    /// <summary>What the rows must be: the whole history applied once, in order, by the embedded read model.</summary>
    private static async Task<string> ApplySequentiallyOnSqliteAsync(EventEnvelope[] events)
    {
        var directory = CrmTestHost.CreateTempDirectory();
        try
        {
            var sqlite = new CustomerReadModel(await StoreDatabases.SqliteAsync(directory, CustomerReadModel.Schema, Cancel));
            await sqlite.ApplyAsync(events, Checkpoint, "EUR", Cancel);
            return await ListAllJsonAsync(sqlite);
        }
        finally
        {
            CrmTestHost.TryDelete(directory);
        }
    }
}
