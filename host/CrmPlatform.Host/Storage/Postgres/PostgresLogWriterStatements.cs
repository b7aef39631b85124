using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// The writer's connection and its two prepared round trips: <see cref="Begin"/> (take the append
/// lock, read the streams' last sequences) and <see cref="Write"/> (insert, find retried events,
/// announce the head). With the commit, a group commit costs three round trips however many
/// commands it holds.
/// </summary>
internal sealed class PostgresLogWriterStatements : IAsyncDisposable
{
    private PostgresLogWriterStatements(NpgsqlConnection connection)
    {
        Connection = connection;
        Begin = new NpgsqlBatch(connection);
        var lockCommand = new NpgsqlBatchCommand(PostgresLogSql.Lock);
        lockCommand.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = PostgresLogSql.AppendLockKey });
        Begin.BatchCommands.Add(lockCommand);
        var lastSequences = new NpgsqlBatchCommand(PostgresLogSql.LastSequences);
        lastSequences.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        lastSequences.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        Begin.BatchCommands.Add(lastSequences);

        Write = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(PostgresLogSql.Insert);
        PostgresLogColumns.AddParameters(insert.Parameters);
        Write.BatchCommands.Add(insert);
        var find = new NpgsqlBatchCommand(PostgresLogSql.Find);
        find.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        Write.BatchCommands.Add(find);
        Write.BatchCommands.Add(new NpgsqlBatchCommand(PostgresLogSql.Notify));
    }

    public NpgsqlConnection Connection { get; }

    /// <summary>Lock, then the last sequence of each stream in <see cref="StreamKinds"/> and <see cref="StreamIds"/>.</summary>
    public NpgsqlBatch Begin { get; }

    /// <summary>The kinds of the streams whose last sequences <see cref="Begin"/> reads.</summary>
    public NpgsqlParameter StreamKinds => Begin.BatchCommands[1].Parameters[0];

    /// <summary>The ids of those streams, in the same order as their kinds.</summary>
    public NpgsqlParameter StreamIds => Begin.BatchCommands[1].Parameters[1];

    /// <summary>Insert the accepted events; find <see cref="FindIds"/>; notify.</summary>
    public NpgsqlBatch Write { get; }

    /// <summary>The parameters of the insert (see <see cref="PostgresLogColumns.Bind"/>).</summary>
    public NpgsqlParameterCollection InsertParameters => Write.BatchCommands[0].Parameters;

    /// <summary>The event ids of appends that may be retries.</summary>
    public NpgsqlParameter FindIds => Write.BatchCommands[1].Parameters[0];

    /// <summary>Opens a connection for the writer and prepares its statements on it.</summary>
    public static async Task<PostgresLogWriterStatements> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var statements = new PostgresLogWriterStatements(connection);
        try
        {
            statements.StreamKinds.Value = Array.Empty<string>();
            statements.StreamIds.Value = Array.Empty<string>();
            new PostgresLogColumns(0).Bind(statements.InsertParameters);
            statements.FindIds.Value = Array.Empty<Guid>();
            await statements.Begin.PrepareAsync(cancellationToken);
            await statements.Write.PrepareAsync(cancellationToken);
            return statements;
        }
        catch
        {
            await statements.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Begin.DisposeAsync();
        await Write.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
