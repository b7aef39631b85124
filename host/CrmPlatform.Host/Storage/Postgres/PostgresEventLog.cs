using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The cluster-mode event log: the <c>crm_events</c> table in a PostgreSQL database shared by every
/// silo. As in the embedded log, appends queue up and one writer per process commits them in groups;
/// each group takes a cluster-wide advisory lock before drawing positions, so positions commit in one
/// order across all silos and a follower that keeps its last position never skips an event.
/// </summary>
/// <remarks>
/// The schema is <see cref="Migrations"/>, applied by the host with <see cref="PostgresMigrator"/>.
/// The constructor does no I/O beyond starting the writer, whose first step reads (or, on a fresh
/// database, fixes) the partition count; <see cref="OpenAsync"/> waits for that step, so
/// <see cref="PartitionCount"/> is then ready without blocking. Followers are woken by
/// <c>LISTEN</c>/<c>NOTIFY</c> on one connection per process, opened on the first wait.
/// </remarks>
public sealed partial class PostgresEventLog : IEventLog, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventLogOptions _options;
    private readonly ILogger<PostgresEventLog> _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly AppendSignal _appended = new();
    private readonly Lock _readyLock = new();
    private readonly Task _writer;
    private Task<int>? _ready;
    private int _partitionCount;
    private long _head;
    private int _disposed;

    /// <summary>Starts the log's writer on <paramref name="dataSource"/>, whose schema must be migrated.</summary>
    public PostgresEventLog(NpgsqlDataSource dataSource, PostgresEventLogOptions options, ILogger<PostgresEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PartitionCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchEvents, 1, nameof(options));
        _dataSource = dataSource;
        _options = options;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The schema of the log, for <see cref="PostgresMigrator.MigrateAsync"/> (component <c>event-log</c>).</summary>
    public static IReadOnlyList<string> Migrations { get; } = [PostgresLogSql.Schema, PostgresLogSql.Streams];

    /// <inheritdoc />
    /// <remarks>Fixed in the database by the first process to open it; blocks once if read before it is known.</remarks>
    public int PartitionCount => Volatile.Read(ref _partitionCount) is var known and > 0 ? known : ReadyAsync().GetAwaiter().GetResult();

    /// <summary>Opens the log and waits until it knows its partition count (and so the database answers).</summary>
    public static async Task<PostgresEventLog> OpenAsync(
        NpgsqlDataSource dataSource, PostgresEventLogOptions options, ILogger<PostgresEventLog> logger, CancellationToken cancellationToken = default)
    {
        var log = new PostgresEventLog(dataSource, options, logger);
        try
        {
            await log.ReadyAsync().WaitAsync(cancellationToken);
            return log;
        }
        catch
        {
            await log.DisposeAsync();
            throw;
        }
    }

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
        var pending = new PendingAppend(stream, expectedSequence, events, data);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresEventLog), "The event log is shutting down.");
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
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = await PrepareAsync(connection, PostgresLogSql.ReadStream, [stream.Kind, stream.Id, fromSequence], cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return PostgresLogRows.Read(reader);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        string customerId, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        ReadStreamBackwardAsync(StreamKey.Customer(customerId), beforeSequence, maxCount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadStreamBackwardAsync(
        StreamKey stream, long beforeSequence, int maxCount, CancellationToken cancellationToken = default) =>
        QueryAsync(PostgresLogSql.ReadStreamBackward, [stream.Kind, stream.Id, beforeSequence, (long)maxCount], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<EventEnvelope>> ReadAllAsync(
        int? partition, long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
        partition is { } p
            ? QueryAsync(PostgresLogSql.ReadPartition, [afterPosition, (long)maxCount, p], cancellationToken)
            : QueryAsync(PostgresLogSql.ReadAll, [afterPosition, (long)maxCount], cancellationToken);

    /// <inheritdoc />
    public async Task<long> CountAfterAsync(int? partition, long afterPosition, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = partition is { } p
            ? await PrepareAsync(connection, PostgresLogSql.CountPartitionAfter, [afterPosition, p], cancellationToken)
            : await PrepareAsync(connection, PostgresLogSql.CountAfter, [afterPosition], cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<long> GetHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadHeadAsync(connection, cancellationToken);
    }

    /// <summary>Completes queued appends, then stops the writer and the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _writer;
            return;
        }

        _pending.Writer.TryComplete();
        await _writer;
        await StopListeningAsync();
    }

    /// <summary>Reads the head and publishes it to this process's waiters.</summary>
    private async Task<long> ReadHeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = await PrepareAsync(connection, PostgresLogSql.Head, [], cancellationToken);
        var head = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        Publish(head);
        return head;
    }

    /// <summary>Raises the known head to <paramref name="head"/>; wakes waiters when it moved.</summary>
    private void Publish(long head)
    {
        for (var known = Volatile.Read(ref _head); head > known; known = Volatile.Read(ref _head))
        {
            if (Interlocked.CompareExchange(ref _head, head, known) == known)
            {
                _appended.Release();
                return;
            }
        }
    }

    /// <summary>Reads (fixing it on a fresh database) the partition count, and the head; retried after a failure.</summary>
    private Task<int> ReadyAsync()
    {
        lock (_readyLock)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = FixPartitionCountAsync();
            }

            return _ready;
        }
    }

    private async Task<int> FixPartitionCountAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var fix = new NpgsqlBatchCommand(PostgresLogSql.FixPartitionCount);
        fix.Parameters.Add(new NpgsqlParameter { Value = _options.PartitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(fix);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresLogSql.ReadPartitionCount));
        var count = int.Parse((string)(await batch.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        await ReadHeadAsync(connection, CancellationToken.None);
        Volatile.Write(ref _partitionCount, count);
        return count;
    }

    private async Task<IReadOnlyList<EventEnvelope>> QueryAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = await PrepareAsync(connection, sql, values, cancellationToken);
        var events = new List<EventEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(PostgresLogRows.Read(reader));
        }

        return events;
    }

    /// <summary>
    /// A command with positional parameters, prepared on the connection (a no-op once the pooled
    /// physical connection has prepared the same SQL).
    /// </summary>
    private static async Task<NpgsqlCommand> PrepareAsync(NpgsqlConnection connection, string sql, object[] values, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // The SQL is the log's own constant SQL; values are parameters.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.PrepareAsync(cancellationToken);
        return command;
    }

    private sealed record PendingAppend(StreamKey Stream, long ExpectedSequence, IReadOnlyList<EventEnvelope> Events, string[] Data)
    {
        public TaskCompletionSource<IReadOnlyList<long>> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
