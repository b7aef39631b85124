namespace CrmPlatform.Host.Storage;

/// <summary>
/// Brings every registered store's tables to their newest migration, in registration order: the
/// one explicit schema step, run by <see cref="SchemaMigrationService"/> before the silo starts and
/// by the <c>migrate</c> command. Stores never migrate when they are constructed.
/// </summary>
public sealed partial class SchemaMigrator(SqlDatabases databases, IEnumerable<SchemaComponent> components, ILogger<SchemaMigrator> logger)
{
    /// <summary>Runs what has not run yet and reports each component's version before and after; safe to run again, and on several silos at once.</summary>
    public async Task<IReadOnlyList<SchemaChange>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var changes = new List<SchemaChange>();
        foreach (var component in components.DistinctBy(c => c.Name))
        {
            var database = databases.For(component);
            var newest = component.MigrationsFor(database.Provider).Count;
            var applied = await database.MigrateAsync(component, cancellationToken);
            if (applied > 0)
            {
                LogMigrated(logger, component.Name, applied);
            }

            changes.Add(new SchemaChange(component.Name, newest - applied, newest, newest));
        }

        return changes;
    }

    /// <summary>Each component's recorded version and what is pending, without changing anything.</summary>
    public async Task<IReadOnlyList<SchemaChange>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var changes = new List<SchemaChange>();
        foreach (var component in components.DistinctBy(c => c.Name))
        {
            var database = databases.For(component);
            var version = await database.SchemaVersionAsync(component, cancellationToken);
            changes.Add(new SchemaChange(component.Name, version, version, component.MigrationsFor(database.Provider).Count));
        }

        return changes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of {Component}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string component, int applied);
}
