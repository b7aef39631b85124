using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Storage;

public sealed class PostgresMigratorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncDisposable
{
    private PostgresTestSchema? _schema;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_Twice_RunsNothingTheSecondTime()
    {
        _schema = await PostgresTestSchema.CreateAsync(database);
        var dataSource = _schema.CreateDataSource();

        var first = await PostgresMigrator.MigrateAsync(dataSource, "event-log", PostgresEventLog.Migrations, Cancel);
        var second = await PostgresMigrator.MigrateAsync(dataSource, "event-log", PostgresEventLog.Migrations, Cancel);

        Assert.Equal(PostgresEventLog.Migrations.Count, first);
        Assert.Equal(0, second);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM crm_schema_migrations WHERE component = 'event-log'");
        Assert.Equal((long)PostgresEventLog.Migrations.Count, await count.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task MigrateAsync_FiveConcurrentCallsOnAFreshDatabase_AllSucceedAndCreateTheTableOnce()
    {
        _schema = await PostgresTestSchema.CreateAsync(database);
        var dataSources = Enumerable.Range(0, 5).Select(_ => _schema.CreateDataSource()).ToArray();

        var ran = await Task.WhenAll(dataSources.Select(d => Task.Run(() => PostgresMigrator.MigrateAsync(d, "event-log", PostgresEventLog.Migrations, Cancel), Cancel)));

        Assert.Equal(PostgresEventLog.Migrations.Count, ran.Sum());
        Assert.Equal(4, ran.Count(r => r == 0));
        await using var tables = dataSources[0].CreateCommand(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('crm_events', 'crm_event_log_settings', 'crm_schema_migrations')");
        Assert.Equal(3L, await tables.ExecuteScalarAsync(Cancel));
        await using var versions = dataSources[0].CreateCommand("SELECT count(*) FROM crm_schema_migrations WHERE component = 'event-log'");
        Assert.Equal((long)PostgresEventLog.Migrations.Count, await versions.ExecuteScalarAsync(Cancel));
    }
}
