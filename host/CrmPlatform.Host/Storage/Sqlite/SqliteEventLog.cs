using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file in WAL mode. Appends from all grains queue up and a
/// single writer commits them in groups (one transaction and one fsync for many commands), each
/// command inside its own savepoint so that one conflicting command never fails its neighbours.
/// </summary>
public sealed partial class SqliteEventLog : IEventLog, IAsyncDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (
            position INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            customer_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            partition INTEGER NOT NULL,
            type TEXT NOT NULL,
            data TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            correlation_id TEXT,
            idempotency_key TEXT,
            UNIQUE (customer_id, sequence)
        );
        CREATE INDEX events_by_partition ON events (partition, position);
        CREATE TABLE log_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,

        // Streams of several kinds. SQLite cannot drop the old UNIQUE (customer_id, sequence), so the
        // table is rebuilt with the same positions; every existing row is a customer's own stream.
        // customer_id now holds the stream's owning customer ('' for a stream that has none).
        """
        CREATE TABLE events_with_streams (
            position INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            customer_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            partition INTEGER NOT NULL,
            type TEXT NOT NULL,
            data TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            correlation_id TEXT,
            idempotency_key TEXT,
            stream_kind TEXT NOT NULL,
            stream_id TEXT NOT NULL,
            UNIQUE (stream_kind, stream_id, sequence)
        );
        INSERT INTO events_with_streams
            SELECT position, event_id, customer_id, sequence, partition, type, data, occurred_at, recorded_at, actor,
                   correlation_id, idempotency_key, 'customer', customer_id
            FROM events ORDER BY position;
        DROP TABLE events;
        ALTER TABLE events_with_streams RENAME TO events;
        CREATE INDEX events_by_partition ON events (partition, position);
        """,
    ];

    private readonly SqliteConnections _connections;
    private readonly SqliteEventLogOptions _options;
    private readonly ILogger<SqliteEventLog> _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly AppendSignal _appended = new();
    private readonly CommittedTail _tail = new(16_384);
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _head;

    /// <summary>Opens (creating if needed) the log in <paramref name="path"/> and starts its writer.</summary>
    public SqliteEventLog(string path, SqliteEventLogOptions options, ILogger<SqliteEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connections = new SqliteConnections(path);
        _options = options;
        _logger = logger;
        var connection = _connections.OpenForWritesAsync(options.Durable).GetAwaiter().GetResult();
        try
        {
            SqliteConnections.MigrateAsync(connection, Migrations).GetAwaiter().GetResult();
            PartitionCount = FixPartitionCount(connection, options.PartitionCount);
            _head = ReadHead(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        new Thread(() => WriteLoop(connection)) { IsBackground = true, Name = "crm-event-log-writer" }.Start();
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        string customerId, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        AppendAsync(StreamKey.Customer(customerId), expectedSequence, events, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> AppendAsync(
        StreamKey stream, long expectedSequence, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        var data = AppendRequests.Serialize(stream, expectedSequence, events);
        var pending = new PendingAppend(stream, expectedSequence, events, data, PartitionOf(stream.PartitionKey));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteEventLog), "The event log is shutting down.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        string customerId, long fromSequence, CancellationToken cancellationToken = default) =>
        ReadStreamAsync(StreamKey.Customer(customerId), fromSequence, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<EventEnvelope> ReadStreamAsync(
        StreamKey stream, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventRows.Columns} FROM events WHERE stream_kind = $kind AND stream_id = $stream AND sequence >= $from ORDER BY sequence";
        command.Parameters.AddWithValue("$kind", stream.Kind);
        command.Parameters.AddWithValue("$stream", stream.Id);
        command.Parameters.AddWithValue("$from", fromSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return EventRows.Read(reader);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        ReadStreamBackwardAsync(StreamKey.Customer(customerId), beforeSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        StreamKey stream, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {EventRows.Columns} FROM events WHERE stream_kind = $kind AND stream_id = $stream AND sequence < $before ORDER BY sequence DESC LIMIT $max",
            c =>
            {
                c.Parameters.AddWithValue("$kind", stream.Kind);
                c.Parameters.AddWithValue("$stream", stream.Id);
                c.Parameters.AddWithValue("$before", beforeSequence);
                c.Parameters.AddWithValue("$max", maxCount);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(
        int? partition, long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        Func<EventEnvelope, bool>? inPartition = partition is { } p ? e => PartitionOf(StreamKey.PartitionKeyOf(e)) == p : null;
        if (_tail.TryRead(afterPosition, Volatile.Read(ref _head), maxCount, inPartition) is { } recent)
        {
            return Task.FromResult<IReadOnlyList<EventEnvelope>>(recent);
        }

        return QueryAsync(
            partition is null
                ? $"SELECT {EventRows.Columns} FROM events WHERE position > $after ORDER BY position LIMIT $max"
                : $"SELECT {EventRows.Columns} FROM events WHERE partition = $partition AND position > $after ORDER BY position LIMIT $max",
            c =>
            {
                c.Parameters.AddWithValue("$partition", partition ?? 0);
                c.Parameters.AddWithValue("$after", afterPosition);
                c.Parameters.AddWithValue("$max", maxCount);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountAfterAsync(int? partition, long afterPosition, CancellationToken cancellationToken = default)
    {
        if (afterPosition >= Volatile.Read(ref _head))
        {
            return 0;
        }

        // A range of the primary key, or of the partition index (partition, position).
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = partition is null
            ? "SELECT COUNT(*) FROM events WHERE position > $after"
            : "SELECT COUNT(*) FROM events WHERE partition = $partition AND position > $after";
        command.Parameters.AddWithValue("$partition", partition ?? 0);
        command.Parameters.AddWithValue("$after", afterPosition);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public Task<long> GetHeadPositionAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Volatile.Read(ref _head));

    /// <inheritdoc />
    public Task WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var next = _appended.Next;
        return Volatile.Read(ref _head) > afterPosition ? Task.CompletedTask : AppendSignal.WaitAsync(next, timeout, cancellationToken);
    }

    /// <summary>Completes queued appends, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writerStopped.Task;
    }

    private int PartitionOf(string partitionKey) => CustomerPartitions.Of(partitionKey, PartitionCount);

    private async Task<IReadOnlyList<EventEnvelope>> QueryAsync(
        string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built from constants; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        bind(command);
        var events = new List<EventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(EventRows.Read(reader));
        }

        return events;
    }

    private static int FixPartitionCount(SqliteConnection connection, int requested)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO log_settings (name, value) VALUES ('partition_count', $count) ON CONFLICT (name) DO NOTHING;
            SELECT value FROM log_settings WHERE name = 'partition_count';
            """;
        command.Parameters.AddWithValue("$count", requested.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return int.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long ReadHead(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    private sealed record PendingAppend(
        StreamKey Stream, long ExpectedSequence, IReadOnlyList<EventEnvelope> Events, string[] Data, int Partition)
    {
        public TaskCompletionSource<IReadOnlyList<long>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
