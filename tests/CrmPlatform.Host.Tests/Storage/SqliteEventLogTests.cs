using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Tests.EventLogContract;
using Microsoft.Extensions.Logging.Abstractions;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.Storage;

/// <summary>The event-log contract on the embedded SQLite log, plus what only it has (the committed tail).</summary>
public sealed class SqliteEventLogTests : DurableEventLogContractTests
{
    private readonly string _directory = CrmTestHost.CreateTempDirectory();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CrmTestHost.TryDelete(_directory);
    }

    [Fact]
    public async Task ReadAllAsync_FollowerFurtherBehindThanTheCommittedTail_ReadsTheFileInPositionOrder()
    {
        var log = await OpenAsync(partitionCount: 4);
        const int Appends = 180;
        for (var a = 0; a < Appends; a++)
        {
            var customer = $"c{a % 9}";
            var expected = (a / 9) * 100L;
            await log.AppendAsync(customer, expected, Batch(customer, expected, Enumerable.Range(1, 100).Select(i => Note(expected + i)).ToArray()), Cancel);
        }

        var head = await log.GetHeadPositionAsync(Cancel);
        var fromStart = await log.ReadAllAsync(null, 0, 20_000, Cancel);
        var recent = await log.ReadAllAsync(null, head - 50, 20_000, Cancel);
        var partition = await log.ReadAllAsync(log.PartitionOf("c0"), 0, 20_000, Cancel);

        Assert.Equal(18_000, fromStart.Count);
        AssertOrdered(fromStart);
        Assert.Equal(fromStart.TakeLast(50).Select(e => e.Position), recent.Select(e => e.Position));
        Assert.Equal(fromStart.Where(e => log.PartitionOf(e.CustomerId) == log.PartitionOf("c0")).Select(e => e.Position), partition.Select(e => e.Position));
    }

    protected override Task<IEventLog> CreateAsync(int partitionCount) =>
        Task.FromResult<IEventLog>(new SqliteEventLog(
            Path.Combine(_directory, "events.db"), new SqliteEventLogOptions { PartitionCount = partitionCount }, NullLogger<SqliteEventLog>.Instance));
}
