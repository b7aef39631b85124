using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// Applies <see cref="OrleansPostgresSchema"/> as the silo's very first start-up step, before membership, grain
/// storage or reminders read their queries. Several silos may start at once: the migrator serialises them.
/// </summary>
internal sealed partial class OrleansPostgresSchemaInitializer(string connectionString, ILogger<OrleansPostgresSchemaInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(nameof(OrleansPostgresSchemaInitializer), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await PostgresMigrator.MigrateAsync(dataSource, OrleansPostgresSchema.Component, OrleansPostgresSchema.Migrations, cancellationToken);
        if (applied > 0)
        {
            LogApplied(applied);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} Orleans schema migration(s) to PostgreSQL.")]
    private partial void LogApplied(int count);
}
