using CrmPlatform.Grains.Diagnostics;
using CrmPlatform.Grains.EventLog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// The group-commit writer of the embedded event log. It runs on its own thread: SQLite calls are
/// synchronous (fsync included), and blocking a thread-pool thread with them would starve the
/// grains that feed it.
/// </summary>
public sealed partial class SqliteEventLog
{
    private const int SqliteConstraint = 19;

    private void WriteLoop(SqliteConnection connection)
    {
        try
        {
            using var statements = new WriterStatements(connection);
            var batch = new List<AppendOutcome>();
            var reader = _pending.Reader;
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                var events = 0;
                while (events < _options.MaxBatchEvents && reader.TryRead(out var append))
                {
                    batch.Add(new AppendOutcome(append));
                    events += append.Events.Count;
                }

                using var activity = CrmTelemetry.Activities.StartActivity("crm.eventlog.commit");
                activity?.SetTag("crm.eventlog.batch.events", events);
                if (Commit(connection, statements, batch))
                {
                    Complete(batch);
                    CrmTelemetry.BatchSize.Record(events);
                }
            }
        }
#pragma warning disable CA1031 // The writer thread must never die silently: whatever stops it fails every waiting append.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWriterStopped(_logger, ex);
            _pending.Writer.TryComplete(ex);
            while (_pending.Reader.TryRead(out var stranded))
            {
                stranded.Completion.TrySetException(ex);
            }
        }
        finally
        {
            connection.Dispose();
            _writerStopped.TrySetResult();
        }
    }

    /// <summary>Writes the batch in one transaction; false (and every append failed) when the transaction failed.</summary>
    private bool Commit(SqliteConnection connection, WriterStatements statements, List<AppendOutcome> batch)
    {
        try
        {
            using var transaction = connection.BeginTransaction();
            statements.Enlist(transaction);
            foreach (var outcome in batch)
            {
                var append = outcome.Append;
                statements.LastSequenceKind.Value = append.Stream.Kind;
                statements.LastSequenceStream.Value = append.Stream.Id;
                var current = (long)statements.LastSequence.ExecuteScalar()!;
                if (current == append.ExpectedSequence)
                {
                    Insert(statements, outcome);
                }
                else
                {
                    outcome.Positions = FindExisting(statements, append);
                }
            }

            transaction.Commit();
            return true;
        }
#pragma warning disable CA1031 // A failed transaction fails each of its appends; the writer carries on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBatchFailed(_logger, ex, batch.Count);
            foreach (var outcome in batch)
            {
                outcome.Append.Completion.TrySetException(ex);
            }

            return false;
        }
    }

    /// <summary>
    /// Inserts one command's events. A single event needs no savepoint (SQLite undoes a failed
    /// statement alone); several events run in a savepoint so a conflict rolls back only this command.
    /// </summary>
    private static void Insert(WriterStatements statements, AppendOutcome outcome)
    {
        var append = outcome.Append;
        var several = append.Events.Count > 1;
        if (several)
        {
            statements.Savepoint.ExecuteNonQuery();
        }

        try
        {
            var positions = new long[append.Events.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                EventRows.Bind(statements.InsertValues, append.Events[i], append.Data[i], append.Partition);
                positions[i] = (long)statements.Insert.ExecuteScalar()!;
            }

            outcome.Positions = positions;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            if (several)
            {
                statements.RollbackToSavepoint.ExecuteNonQuery();
            }

            // A unique event id already in the log is a retry of an append whose outcome was unknown.
            // Any other error (disk full, I/O) may have ended the transaction: it fails the whole batch.
            outcome.Positions = FindExisting(statements, append);
        }
        finally
        {
            if (several)
            {
                statements.ReleaseSavepoint.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The positions of these very events when they are already in the log at the same sequences, else null.</summary>
    private static long[]? FindExisting(WriterStatements statements, PendingAppend append)
    {
        var positions = new long[append.Events.Count];
        statements.FindKind.Value = append.Stream.Kind;
        statements.FindStream.Value = append.Stream.Id;
        for (var i = 0; i < positions.Length; i++)
        {
            statements.FindEventId.Value = append.Events[i].EventId.ToString();
            statements.FindSequence.Value = append.Events[i].Sequence;
            if (statements.Find.ExecuteScalar() is not long position)
            {
                return null;
            }

            positions[i] = position;
        }

        return positions;
    }

    /// <summary>
    /// Publishes the batch (tail, then head) and only then acknowledges each append, so a caller
    /// that reads the head after its append completes always sees its own events.
    /// </summary>
    private void Complete(List<AppendOutcome> batch)
    {
        long head = 0;
        foreach (var outcome in batch.Where(o => o.Positions is not null))
        {
            for (var i = 0; i < outcome.Append.Events.Count; i++)
            {
                _tail.Add(outcome.Append.Events[i] with { Position = outcome.Positions![i] });
            }

            head = Math.Max(head, outcome.Positions![^1]);
        }

        if (head > Volatile.Read(ref _head))
        {
            Volatile.Write(ref _head, head);
            _appended.Release();
        }

        foreach (var outcome in batch)
        {
            var append = outcome.Append;
            if (outcome.Positions is null)
            {
                append.Completion.TrySetException(new StreamConcurrencyException(append.Stream, append.ExpectedSequence));
            }
            else
            {
                append.Completion.TrySetResult(outcome.Positions);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The event log's writer stopped; appends fail until the process restarts")]
    private static partial void LogWriterStopped(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} appends failed; each is reported to its caller")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed class AppendOutcome(PendingAppend append)
    {
        public PendingAppend Append { get; } = append;

        public long[]? Positions { get; set; }
    }
}
