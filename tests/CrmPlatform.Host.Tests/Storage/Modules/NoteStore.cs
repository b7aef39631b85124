using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Tests.Storage.Modules;

/// <summary>
/// A store of a throwaway module, written the way every module's store is: once, over
/// <see cref="SqlDatabase"/>, with nothing backend-specific beyond the two schema texts and one
/// dialect fragment. Its contract suite runs on both backends.
/// </summary>
public sealed class NoteStore(SqlDatabase database)
{
    public static SchemaComponent Schema { get; } = new(
        "test-notes",
        "notes.db",
        Sqlite:
        [
            "CREATE TABLE notes (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, body TEXT NOT NULL, written_at TEXT NOT NULL);",
            "ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;",
        ],
        Postgres:
        [
            """CREATE TABLE crm_notes (id text COLLATE "C" PRIMARY KEY, customer_id text NOT NULL, body text NOT NULL, written_at timestamptz NOT NULL);""",
            "ALTER TABLE crm_notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;",
        ]);

    private readonly string _table = database.Pick("notes", "crm_notes");

    /// <summary>Adds a note; false when one with this id exists.</summary>
    public async Task<bool> AddAsync(Note note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        return await database.ExecuteAsync(
            $"INSERT INTO {_table} (id, customer_id, body, written_at, pinned) VALUES (@Id, @CustomerId, @Body, @at, @Pinned) ON CONFLICT (id) DO NOTHING",
            new { note.Id, note.CustomerId, note.Body, at = database.Time(note.WrittenAt), note.Pinned },
            cancellationToken) == 1;
    }

    /// <summary>A customer's notes, pinned first, then newest first.</summary>
    public Task<IReadOnlyList<Note>> ListAsync(string customerId, CancellationToken cancellationToken = default) =>
        database.QueryAsync(
            $"SELECT id, customer_id, body, written_at, pinned FROM {_table} WHERE customer_id = @customerId ORDER BY pinned DESC, written_at DESC, id",
            new { customerId },
            r => new Note(r.Text(0), r.Text(1), r.Text(2), r.Time(3), r.Flag(4)),
            cancellationToken);

    /// <summary>Pins a note; false when there is no such note.</summary>
    public async Task<bool> PinAsync(string id, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync($"UPDATE {_table} SET pinned = @pinned WHERE id = @id", new { id, pinned = true }, cancellationToken) == 1;
}
