using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using static CrmPlatform.Host.Tests.Infrastructure.Events;

namespace CrmPlatform.Host.Tests.Storage;

/// <summary>
/// A log written before streams had kinds opens on both backends: its rows become customers' own
/// streams, keep their positions, sequences and partitions, and take appends of every kind.
/// </summary>
public sealed class EventLogStreamsMigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private const string EarlierSqliteSchema =
        """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL, sequence INTEGER NOT NULL,
            partition INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL, correlation_id TEXT, idempotency_key TEXT, UNIQUE (customer_id, sequence));
        CREATE INDEX events_by_partition ON events (partition, position);
        CREATE TABLE log_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO log_settings VALUES ('partition_count', '4');
        PRAGMA user_version=1;
        """;

    private static readonly (string CustomerId, long Sequence, long Position)[] EarlierRows = [("c1", 1, 3), ("c2", 1, 5), ("c1", 2, 8)];

    private readonly string _directory = CrmTestHost.CreateTempDirectory();
    private readonly List<IAsyncDisposable> _disposables = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        CrmTestHost.TryDelete(_directory);
    }

    [Fact]
    public async Task SqliteEventLog_FileWrittenBeforeStreamKinds_OpensWithCustomerStreamsAndTakesEveryKind()
    {
        var path = Path.Combine(_directory, "events.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync(Cancel);
            await using var command = connection.CreateCommand();
            command.CommandText = EarlierSqliteSchema + string.Concat(EarlierRows.Select(r =>
                $"INSERT INTO events VALUES ({r.Position}, '{Guid.NewGuid()}', '{r.CustomerId}', {r.Sequence}, " +
                $"{CustomerPartitions.Of(r.CustomerId, 4)}, '{NoteType}', '{CustomerEventJson.Serialize(Note(r.Sequence))}', " +
                "'2025-03-01T09:00:00.0000000Z', '2025-03-01T09:00:00.0000000Z', 'test', NULL, NULL);"));
            await command.ExecuteNonQueryAsync(Cancel);
        }

        var log = new SqliteEventLog(path, new SqliteEventLogOptions { PartitionCount = 16 }, NullLogger<SqliteEventLog>.Instance);
        _disposables.Add(log);

        await AssertMigratedAsync(log);
    }

    [Fact]
    public async Task PostgresEventLog_DatabaseWrittenBeforeStreamKinds_OpensWithCustomerStreamsAndTakesEveryKind()
    {
        var schema = await PostgresTestSchema.CreateAsync(database);
        _disposables.Add(schema);
        var dataSource = schema.CreateDataSource();
        await PostgresMigrator.MigrateAsync(dataSource, "event-log", [PostgresEventLog.Migrations[0]], Cancel);
        await using (var batch = dataSource.CreateBatch())
        {
            batch.BatchCommands.Add(new("INSERT INTO crm_event_log_settings VALUES ('partition_count', '4')"));
            foreach (var (customerId, sequence, position) in EarlierRows)
            {
                var insert = new Npgsql.NpgsqlBatchCommand(
                    "INSERT INTO crm_events (position, event_id, customer_id, sequence, partition, type, data, occurred_at, recorded_at, actor) " +
                    "OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $8, 'test')");
                foreach (var value in new object[] { position, Guid.NewGuid(), customerId, sequence, CustomerPartitions.Of(customerId, 4), NoteType, CustomerEventJson.Serialize(Note(sequence)), T0 })
                {
                    insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(insert);
            }

            batch.BatchCommands.Add(new("SELECT setval(pg_get_serial_sequence('crm_events', 'position'), 8)"));
            await batch.ExecuteNonQueryAsync(Cancel);
        }

        await PostgresMigrator.MigrateAsync(dataSource, "event-log", PostgresEventLog.Migrations, Cancel);
        var log = await PostgresEventLog.OpenAsync(dataSource, new PostgresEventLogOptions { PartitionCount = 16 }, NullLogger<PostgresEventLog>.Instance, Cancel);
        _disposables.Add(log);

        await AssertMigratedAsync(log);
    }

    private static string NoteType => CustomerEventTypes.NameOf(typeof(InteractionRecorded));

    private static async Task AssertMigratedAsync(IEventLog log)
    {
        var before = await log.ReadAllAsync(null, 0, 100, Cancel);
        Assert.Equal(4, log.PartitionCount);
        Assert.Equal(EarlierRows.Select(r => (StreamKinds.Customer, r.CustomerId, r.CustomerId, r.Sequence, r.Position)),
            before.Select(e => (e.StreamKind, e.StreamId, e.CustomerId, e.Sequence, e.Position)));
        Assert.Equal([3L, 8], (await log.ReadAllAsync(log.PartitionOf("c1"), 0, 100, Cancel)).Where(e => e.CustomerId == "c1").Select(e => e.Position));
        Assert.Equal([2L, 1], (await log.ReadStreamBackwardAsync("c1", 3, 10, Cancel)).Select(e => e.Sequence));

        await Assert.ThrowsAsync<StreamConcurrencyException>(() => log.AppendAsync("c1", 1, [Envelope("c1", 2, Note(9))], Cancel));
        var next = await log.AppendAsync("c1", 2, [Envelope("c1", 3, Note(3))], Cancel);
        var ticket = StreamKey.OwnedBy("test-case", "case-1", "c1");
        var opened = await log.AppendAsync(ticket, 0, [Envelope("c1", 1, Note(1)) with { StreamKind = ticket.Kind, StreamId = ticket.Id }], Cancel);

        Assert.True(next[0] > 8);
        Assert.True(opened[0] > next[0]);
        var partition = await log.ReadAllAsync(log.PartitionOf("c1"), 0, 100, Cancel);
        Assert.Equal([1L, 2, 3, 1], partition.Where(e => e.CustomerId == "c1").Select(e => e.Sequence));
        Assert.Equal("test-case", partition[^1].StreamKind);
    }
}
