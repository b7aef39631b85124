using CrmPlatform.Grains.Diagnostics;
using CrmPlatform.Grains.EventLog;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The group-commit writer: one per process, on one connection. A batch is one transaction that
/// (1) takes the cluster-wide append lock and reads the last sequence of every stream it touches,
/// (2) decides each append — expected sequence current: insert; else perhaps a retry of events
/// already written — and inserts all accepted events with one statement, sorted by (stream,
/// sequence), and (3) commits; only then are the appends acknowledged.
/// </summary>
public sealed partial class PostgresEventLog
{
    private async Task WriteLoopAsync()
    {
        PostgresLogWriterStatements? statements = null;
        try
        {
            var reader = _pending.Reader;
            var batch = new List<AppendOutcome>();
            while (await reader.WaitToReadAsync())
            {
                batch.Clear();
                var events = 0;
                while (events < _options.MaxBatchEvents && reader.TryRead(out var append))
                {
                    batch.Add(new AppendOutcome(append));
                    events += append.Events.Count;
                }

                try
                {
                    var partitionCount = await ReadyAsync();
                    statements ??= await PostgresLogWriterStatements.OpenAsync(_dataSource, CancellationToken.None);
                    if (!await TryWriteAsync(statements, batch, partitionCount))
                    {
                        LogWritingOneByOne(_logger, batch.Count);
                        await WriteOneByOneAsync(statements, batch, partitionCount);
                    }

                    Complete(batch);
                    CrmTelemetry.BatchSize.Record(events);
                }
#pragma warning disable CA1031 // Whatever went wrong, each caller hears of it and the writer carries on with a new connection.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogBatchFailed(_logger, ex, batch.Count);
                    foreach (var outcome in batch)
                    {
                        outcome.Append.Completion.TrySetException(ex);
                    }

                    if (statements is not null)
                    {
                        await DisposeQuietlyAsync(statements);
                        statements = null;
                    }
                }
            }
        }
        finally
        {
            if (statements is not null)
            {
                await DisposeQuietlyAsync(statements);
            }
        }
    }

    /// <summary>The fast path: false (and nothing written) when an accepted event's id is already in the log.</summary>
    private static async Task<bool> TryWriteAsync(PostgresLogWriterStatements statements, List<AppendOutcome> batch, int partitionCount)
    {
        await using var transaction = await statements.Connection.BeginTransactionAsync();
        var current = await LockAndReadLastSequencesAsync(statements, batch);
        var accepted = new List<AppendOutcome>(batch.Count);
        var retries = new List<AppendOutcome>();
        foreach (var outcome in batch)
        {
            var append = outcome.Append;
            var stream = (append.Stream.Kind, append.Stream.Id);
            if (current[stream] == append.ExpectedSequence)
            {
                accepted.Add(outcome);
                current[stream] = append.ExpectedSequence + append.Events.Count;
            }
            else
            {
                retries.Add(outcome);
            }
        }

        // Sorted keys: positions then follow (stream, sequence) within the batch.
        var sorted = accepted
            .OrderBy(o => o.Append.Stream.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Append.Stream.Id, StringComparer.Ordinal)
            .ThenBy(o => o.Append.ExpectedSequence)
            .ToList();
        ToColumns(sorted, partitionCount).Bind(statements.InsertParameters);
        statements.FindIds.Value = EventIds(retries);
        Dictionary<Guid, long> positions;
        Dictionary<Guid, StoredEvent> found;
        try
        {
            await using var reader = await statements.Write.ExecuteReaderAsync();
            positions = new Dictionary<Guid, long>(accepted.Sum(o => o.Append.Events.Count));
            while (await reader.ReadAsync())
            {
                positions[reader.GetGuid(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync();
            found = await ReadFoundAsync(reader);
            while (await reader.NextResultAsync())
            {
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        foreach (var outcome in accepted)
        {
            outcome.Positions = outcome.Append.Events.Select(e => positions[e.EventId]).ToArray();
        }

        ResolveRetries(retries, found);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Takes the append lock (held until commit), then reads the last sequence of each stream in the batch.</summary>
    private static async Task<Dictionary<(string Kind, string Id), long>> LockAndReadLastSequencesAsync(
        PostgresLogWriterStatements statements, List<AppendOutcome> batch)
    {
        var streams = batch.Select(o => (o.Append.Stream.Kind, o.Append.Stream.Id)).Distinct()
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        statements.StreamKinds.Value = streams.Select(s => s.Kind).ToArray();
        statements.StreamIds.Value = streams.Select(s => s.Id).ToArray();
        var current = new Dictionary<(string Kind, string Id), long>(streams.Length);
        await using var reader = await statements.Begin.ExecuteReaderAsync();
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            current[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        while (await reader.NextResultAsync())
        {
        }

        return current;
    }

    private static async Task<Dictionary<Guid, StoredEvent>> ReadFoundAsync(NpgsqlDataReader reader)
    {
        var found = new Dictionary<Guid, StoredEvent>();
        while (await reader.ReadAsync())
        {
            found[reader.GetGuid(0)] = new StoredEvent(reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        return found;
    }

    /// <summary>An append whose events are all in the log at the same sequences is a retry: it gets their positions; else it conflicts.</summary>
    private static void ResolveRetries(List<AppendOutcome> retries, Dictionary<Guid, StoredEvent> found)
    {
        foreach (var outcome in retries)
        {
            var events = outcome.Append.Events;
            var positions = new long[events.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                if (!found.TryGetValue(events[i].EventId, out var row)
                    || row.StreamKind != events[i].StreamKind || row.StreamId != events[i].StreamId || row.Sequence != events[i].Sequence)
                {
                    positions = null;
                    break;
                }

                positions[i] = row.Position;
            }

            outcome.Positions = positions;
        }
    }

    private static PostgresLogColumns ToColumns(List<AppendOutcome> appends, int partitionCount)
    {
        var columns = new PostgresLogColumns(appends.Sum(o => o.Append.Events.Count));
        foreach (var outcome in appends)
        {
            var append = outcome.Append;
            var partition = CustomerPartitions.Of(append.Stream.PartitionKey, partitionCount);
            for (var i = 0; i < append.Events.Count; i++)
            {
                columns.Add(append.Events[i], append.Data[i], partition);
            }
        }

        return columns;
    }

    private static Guid[] EventIds(List<AppendOutcome> appends) => appends.SelectMany(o => o.Append.Events.Select(e => e.EventId)).ToArray();

    private void Complete(List<AppendOutcome> batch)
    {
        long head = 0;
        foreach (var outcome in batch)
        {
            var append = outcome.Append;
            if (outcome.Positions is null)
            {
                append.Completion.TrySetException(new StreamConcurrencyException(append.Stream, append.ExpectedSequence));
            }
            else
            {
                head = Math.Max(head, outcome.Positions.Max());
                append.Completion.TrySetResult(outcome.Positions);
            }
        }

        Publish(head);
    }

    private async Task DisposeQuietlyAsync(PostgresLogWriterStatements statements)
    {
        try
        {
            await statements.DisposeAsync();
        }
#pragma warning disable CA1031 // A broken connection may fail to close; the pool discards it either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCloseFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} appends failed; each is reported to its caller")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A group commit of {Count} appends met an event id already in the log; writing them one by one")]
    private static partial void LogWritingOneByOne(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the writer's connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    /// <summary>Where an event already in the log stands: its stream, sequence and position.</summary>
    private readonly record struct StoredEvent(string StreamKind, string StreamId, long Sequence, long Position);

    private sealed class AppendOutcome(PendingAppend append)
    {
        public PendingAppend Append { get; } = append;

        public long[]? Positions { get; set; }
    }
}
