namespace CrmPlatform.Host.Storage;

/// <summary>
/// The tables of one store and how to create or migrate them on each backend: an ordered list of
/// migrations per dialect, applied once each and recorded under <see cref="Name"/>. The two lists
/// hold the same schema in each backend's dialect (types, collations, indexes); they are the only
/// backend-specific text a store has beside a few dialect fragments in its queries.
/// </summary>
/// <param name="Name">The component's name in the migration records (stable forever: <c>api-keys</c>).</param>
/// <param name="SqliteFile">The embedded file the component lives in, under the data directory (<c>platform.db</c>).</param>
/// <param name="Sqlite">The migrations in SQLite's dialect.</param>
/// <param name="Postgres">The migrations in PostgreSQL's dialect, as many as <paramref name="Sqlite"/>.</param>
public sealed record SchemaComponent(string Name, string SqliteFile, IReadOnlyList<string> Sqlite, IReadOnlyList<string> Postgres)
{
    /// <summary>
    /// False for tables whose content can always be rebuilt (snapshots): their embedded file then
    /// does not wait for fsync on every commit. A crash may lose the newest rows, never an event.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>The migrations of <paramref name="provider"/>.</summary>
    public IReadOnlyList<string> MigrationsFor(StorageProvider provider) => provider == StorageProvider.Postgres ? Postgres : Sqlite;
}
