using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>The group-commit writer of the embedded event log.</summary>
public sealed partial class SqliteEventLog
{
    private const int SqliteConstraint = 19;

    private async Task WriteLoopAsync(SqliteConnection connection)
    {
        await using var _ = connection;
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO events ({EventRows.InsertColumns}) VALUES ({EventRows.InsertParameters}) RETURNING position";
        EventRows.AddInsertParameters(insert);
        await using var last = connection.CreateCommand();
        last.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM events WHERE customer_id = $customer";
        var lastCustomer = last.Parameters.Add("$customer", SqliteType.Text);

        var batch = new List<(PendingAppend Append, IReadOnlyList<long>? Positions, Exception? Error)>();
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var events = 0;
            while (events < _options.MaxBatchEvents && reader.TryRead(out var append))
            {
                batch.Add((append, null, null));
                events += append.Events.Count;
            }

            try
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                last.Transaction = transaction;
                for (var i = 0; i < batch.Count; i++)
                {
                    var append = batch[i].Append;
                    lastCustomer.Value = append.CustomerId;
                    var current = (long)(await last.ExecuteScalarAsync())!;
                    batch[i] = current == append.ExpectedSequence
                        ? TryInsert(transaction, insert, append)
                        : (append, FindExisting(transaction, append), null);
                }

                transaction.Commit();
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                LogBatchFailed(_logger, ex, batch.Count);
                foreach (var (append, _, _) in batch)
                {
                    append.Completion.TrySetException(ex);
                }

                continue;
            }

            long head = 0;
            foreach (var (append, positions, error) in batch)
            {
                if (error is not null)
                {
                    append.Completion.TrySetException(error);
                }
                else if (positions is null)
                {
                    append.Completion.TrySetException(new StreamConcurrencyException(append.CustomerId, append.ExpectedSequence));
                }
                else
                {
                    head = Math.Max(head, positions[^1]);
                    append.Completion.TrySetResult(positions);
                }
            }

            if (head > Volatile.Read(ref _head))
            {
                Volatile.Write(ref _head, head);
                _appended.Release();
            }
        }
    }

    /// <summary>Inserts one command's events inside a savepoint, so a conflict rolls back only that command.</summary>
    private static (PendingAppend, IReadOnlyList<long>?, Exception?) TryInsert(SqliteTransaction transaction, SqliteCommand insert, PendingAppend append)
    {
        transaction.Save("append");
        try
        {
            var positions = new long[append.Events.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                EventRows.Bind(insert, append.Events[i], append.Data[i], append.Partition);
                positions[i] = (long)insert.ExecuteScalar()!;
            }

            transaction.Release("append");
            return (append, positions, null);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            // An event id already in the log: a retry of an append whose outcome was unknown.
            transaction.Rollback("append");
            transaction.Release("append");
            return (append, FindExisting(transaction, append), null);
        }
        catch (SqliteException ex)
        {
            transaction.Rollback("append");
            transaction.Release("append");
            return (append, null, ex);
        }
    }

    /// <summary>The positions of these very events when they are already in the log at the same sequences, else null.</summary>
    private static long[]? FindExisting(SqliteTransaction transaction, PendingAppend append)
    {
        using var find = transaction.Connection!.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT position FROM events WHERE event_id = $id AND customer_id = $customer AND sequence = $sequence";
        var id = find.Parameters.Add("$id", SqliteType.Text);
        find.Parameters.AddWithValue("$customer", append.CustomerId);
        var sequence = find.Parameters.Add("$sequence", SqliteType.Integer);
        var positions = new long[append.Events.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            EventEnvelope envelope = append.Events[i];
            id.Value = envelope.EventId.ToString();
            sequence.Value = envelope.Sequence;
            if (find.ExecuteScalar() is not long position)
            {
                return null;
            }

            positions[i] = position;
        }

        return positions;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} appends failed; each is reported to its caller")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
