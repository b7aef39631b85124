using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>The log writer's statements, prepared once and reused for every batch.</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteCommand[] _all;

    public WriterStatements(SqliteConnection connection)
    {
        Insert = Create(connection, $"INSERT INTO events ({EventRows.InsertColumns}) VALUES ({EventRows.InsertParameters}) RETURNING position");
        InsertValues = EventRows.AddInsertParameters(Insert);
        LastSequence = Create(connection, "SELECT COALESCE(MAX(sequence), 0) FROM events WHERE stream_kind = $kind AND stream_id = $stream");
        LastSequenceKind = LastSequence.Parameters.Add("$kind", SqliteType.Text);
        LastSequenceStream = LastSequence.Parameters.Add("$stream", SqliteType.Text);
        Find = Create(connection, "SELECT position FROM events WHERE event_id = $id AND stream_kind = $kind AND stream_id = $stream AND sequence = $sequence");
        FindEventId = Find.Parameters.Add("$id", SqliteType.Text);
        FindKind = Find.Parameters.Add("$kind", SqliteType.Text);
        FindStream = Find.Parameters.Add("$stream", SqliteType.Text);
        FindSequence = Find.Parameters.Add("$sequence", SqliteType.Integer);
        Savepoint = Create(connection, "SAVEPOINT append");
        ReleaseSavepoint = Create(connection, "RELEASE append");
        RollbackToSavepoint = Create(connection, "ROLLBACK TO append");
        _all = [Insert, LastSequence, Find, Savepoint, ReleaseSavepoint, RollbackToSavepoint];
    }

    public SqliteCommand Insert { get; }

    /// <summary>The parameters of <see cref="Insert"/>, for <see cref="EventRows.Bind"/>.</summary>
    public SqliteParameter[] InsertValues { get; }

    public SqliteCommand LastSequence { get; }

    public SqliteParameter LastSequenceKind { get; }

    public SqliteParameter LastSequenceStream { get; }

    public SqliteCommand Find { get; }

    public SqliteParameter FindEventId { get; }

    public SqliteParameter FindKind { get; }

    public SqliteParameter FindStream { get; }

    public SqliteParameter FindSequence { get; }

    public SqliteCommand Savepoint { get; }

    public SqliteCommand ReleaseSavepoint { get; }

    public SqliteCommand RollbackToSavepoint { get; }

    /// <summary>Runs every statement in <paramref name="transaction"/>.</summary>
    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is constant.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }
}
