namespace CrmPlatform.Host.Storage;

/// <summary>
/// Brings every registered store's tables to their newest migration, in registration order: the
/// one explicit schema step, run by <see cref="SchemaMigrationService"/> before the silo starts and
/// by the <c>migrate</c> command. Stores never migrate when they are constructed.
/// </summary>
public sealed partial class SchemaMigrator(SqlDatabases databases, IEnumerable<SchemaComponent> components, ILogger<SchemaMigrator> logger)
{
    /// <summary>Runs what has not run yet; safe to run again, and on several silos at once.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        foreach (var component in components.DistinctBy(c => c.Name))
        {
            var applied = await databases.For(component).MigrateAsync(component, cancellationToken);
            if (applied > 0)
            {
                LogMigrated(logger, component.Name, applied);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of {Component}: {Applied} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string component, int applied);
}
