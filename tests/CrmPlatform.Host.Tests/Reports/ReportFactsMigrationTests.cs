using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>
/// Upgrading a read model made before the report tables rewinds the projector's checkpoint, so that
/// the projector replays the log once and fills the new tables from history.
/// </summary>
public sealed class ReportFactsMigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SqliteReadModel_OpenedOverReadModelWithoutReportTables_RewindsProjectorCheckpoint()
    {
        var directory = CrmTestHost.CreateTempDirectory();
        try
        {
            var path = Path.Combine(directory, "readmodel.db");
            await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await old.OpenAsync(Cancel);
                await using var create = old.CreateCommand();
                create.CommandText =
                    "CREATE TABLE customers (id TEXT PRIMARY KEY, primary_email TEXT, primary_phone TEXT); CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL); " +
                    $"INSERT INTO checkpoints VALUES ('{ReadModelProjector.CheckpointName}', 42), ('other', 7); PRAGMA user_version=1;";
                await create.ExecuteNonQueryAsync(Cancel);
            }

            var model = new CustomerReadModel(await StoreDatabases.SqliteAsync(directory, CustomerReadModel.Schema, Cancel));

            Assert.Equal(0, await model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel));
            Assert.Equal(7, await model.GetCheckpointAsync("other", Cancel));
        }
        finally
        {
            CrmTestHost.TryDelete(directory);
        }
    }

    [Fact]
    public async Task PostgresReadModel_MigratedOverReadModelWithoutReportTables_RewindsProjectorCheckpoint()
    {
        Assert.Equal(1, await PostgresMigrator.MigrateAsync(database.DataSource, "read-model", CustomerReadModel.Schema.Postgres.Take(1).ToList(), Cancel));
        await using (var save = database.DataSource.CreateCommand(
            $"INSERT INTO crm_checkpoints VALUES ('{ReadModelProjector.CheckpointName}', 42), ('other', 7)"))
        {
            await save.ExecuteNonQueryAsync(Cancel);
        }

        var migrated = new PostgresSqlDatabase(database.DataSource);
        Assert.Equal(CustomerReadModel.Schema.Postgres.Count - 1, await migrated.MigrateAsync(CustomerReadModel.Schema, Cancel));

        var model = new CustomerReadModel(migrated);
        Assert.Equal(0, await model.GetCheckpointAsync(ReadModelProjector.CheckpointName, Cancel));
        Assert.Equal(7, await model.GetCheckpointAsync("other", Cancel));
    }
}
