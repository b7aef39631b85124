using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The writer's careful path. The fast path writes a whole batch with one statement, which fails as
/// a whole when an event id is already in the log (a client reusing an id for another event); the
/// batch is then written again, still as one transaction under the append lock, one append at a time.
/// </summary>
public sealed partial class PostgresEventLog
{
    /// <summary>
    /// The careful path, after the fast path met an event id already in the log: each accepted append
    /// in its own savepoint, so the clashing one is rolled back (and reported) alone.
    /// </summary>
    private static async Task WriteOneByOneAsync(PostgresLogWriterStatements statements, List<AppendOutcome> batch, int partitionCount)
    {
        var connection = statements.Connection;
        await using var transaction = await connection.BeginTransactionAsync();
        var current = await LockAndReadLastSequencesAsync(statements, batch);
        var retries = new List<AppendOutcome>();
        foreach (var outcome in batch)
        {
            var append = outcome.Append;
            outcome.Positions = null;
            var stream = (append.Stream.Kind, append.Stream.Id);
            if (current[stream] != append.ExpectedSequence)
            {
                retries.Add(outcome);
                continue;
            }

            await transaction.SaveAsync("append");
            try
            {
                await using var insert = new NpgsqlCommand(PostgresLogSql.Insert, connection, transaction);
                PostgresLogColumns.AddParameters(insert.Parameters);
                ToColumns([outcome], partitionCount).Bind(insert.Parameters);
                var positions = new Dictionary<Guid, long>(append.Events.Count);
                await using (var reader = await insert.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        positions[reader.GetGuid(0)] = reader.GetInt64(1);
                    }
                }

                await transaction.ReleaseAsync("append");
                outcome.Positions = append.Events.Select(e => positions[e.EventId]).ToArray();
                current[stream] = append.ExpectedSequence + append.Events.Count;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("append");
                await transaction.ReleaseAsync("append");
                retries.Add(outcome);
            }
        }

        await using var findAndNotify = new NpgsqlBatch(connection, transaction);
        var find = new NpgsqlBatchCommand(PostgresLogSql.Find);
        find.Parameters.Add(new NpgsqlParameter { Value = EventIds(retries) });
        findAndNotify.BatchCommands.Add(find);
        findAndNotify.BatchCommands.Add(new NpgsqlBatchCommand(PostgresLogSql.Notify));
        await using (var reader = await findAndNotify.ExecuteReaderAsync())
        {
            ResolveRetries(retries, await ReadFoundAsync(reader));
            while (await reader.NextResultAsync())
            {
            }
        }

        await transaction.CommitAsync();
    }
}
