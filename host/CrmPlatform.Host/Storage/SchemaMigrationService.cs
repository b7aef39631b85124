namespace CrmPlatform.Host.Storage;

/// <summary>
/// Migrates the schema when the process starts. It is registered before the silo and every other
/// hosted service, so nothing reads or writes a store before its tables are up to date.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
