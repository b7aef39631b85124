using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Tests.EventLogContract;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.Storage;

/// <summary>The event-log contract on PostgreSQL: each test gets a schema of its own in the class's database.</summary>
public sealed class PostgresEventLogTests(PostgresDatabase database) : DurableEventLogContractTests, IClassFixture<PostgresDatabase>
{
    private PostgresTestSchema? _schema;
    private NpgsqlDataSource? _dataSource;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task Constructor_PartitionCountReadBeforeOpenAsync_IsTheStoredOne()
    {
        var first = await OpenAsync(partitionCount: 8);
        await first.AppendAsync("c1", 0, Batch("c1", 0, Note(1)), Cancel);

        var second = new PostgresEventLog(_dataSource!, new PostgresEventLogOptions { PartitionCount = 3 }, NullLogger<PostgresEventLog>.Instance);
        await using (second)
        {
            Assert.Equal(8, second.PartitionCount);
            Assert.Equal(((IEventLog)first).PartitionOf("c1"), ((IEventLog)second).PartitionOf("c1"));
            Assert.Single(await second.AppendAsync("c1", 1, Batch("c1", 1, Note(2)), Cancel));
            Assert.Equal([1L, 2], (await ReadStreamAsync(first, "c1")).Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task ReadStreamAsync_TimesWithSubMicrosecondTicks_RoundTripExactly()
    {
        var log = await OpenAsync();
        var times = Enumerable.Range(0, 10).Select(i => new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(-7)).AddTicks(1_234_560 + i)).ToArray();
        var sent = times.Select((t, i) => Envelope("c1", i + 1, Note(i + 1), at: t)).ToArray();

        await log.AppendAsync("c1", 0, sent, Cancel);

        var stored = await ReadStreamAsync(log, "c1");
        Assert.Equal(times, stored.Select(e => e.OccurredAt));
        Assert.Equal(times.Select(t => t.UtcTicks), stored.Select(e => e.RecordedAt.UtcTicks));
        Assert.All(stored, e => Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset));
    }

    protected override async Task<IEventLog> CreateAsync(int partitionCount)
    {
        if (_schema is null)
        {
            _schema = await PostgresTestSchema.CreateAsync(database);
            _dataSource = _schema.CreateDataSource();
        }

        await PostgresMigrator.MigrateAsync(_dataSource!, "event-log", PostgresEventLog.Migrations, Cancel);
        return await PostgresEventLog.OpenAsync(
            _dataSource!, new PostgresEventLogOptions { PartitionCount = partitionCount }, NullLogger<PostgresEventLog>.Instance, Cancel);
    }
}
