using CrmPlatform.Host.Hosting;
using CrmPlatform.Host.Tests.Infrastructure;
using Npgsql;

namespace CrmPlatform.Host.Tests.Hosting;

public sealed class MigrateCommandTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task MigrateAsync_Postgres_CreatesEveryComponentsTablesOnceAndThenNothing()
    {
        string[] args = ["--Crm:Storage:Provider=Postgres", $"--Crm:Storage:ConnectionString={database.ConnectionString}"];

        await CrmPlatformApp.MigrateAsync(args);
        var first = await MigrationsAsync();
        await CrmPlatformApp.MigrateAsync(args);

        Assert.Equal(first, await MigrationsAsync());
        Assert.Contains(first, m => m.StartsWith("event-log:", StringComparison.Ordinal));
        Assert.Contains(first, m => m.StartsWith("read-model:", StringComparison.Ordinal));
        Assert.Contains(first, m => m.StartsWith("api-keys:", StringComparison.Ordinal));
        Assert.Contains(first, m => m.StartsWith("plugins:", StringComparison.Ordinal));
        Assert.Contains(first, m => m.StartsWith("orleans:", StringComparison.Ordinal));
        foreach (var table in new[] { "crm_events", "crm_customers", "crm_api_keys", "crm_plugins", "orleansquery", "orleans_membership" })
        {
            await using var exists = database.DataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
            exists.Parameters.AddWithValue(table);
            Assert.True((bool)(await exists.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, $"Table {table} is missing.");
        }
    }

    [Fact]
    public async Task MigrateAsync_Sqlite_CreatesTheDatabaseFilesWithoutStarting()
    {
        var directory = CrmTestHost.CreateTempDirectory();
        try
        {
            await CrmPlatformApp.MigrateAsync([$"--Crm:DataDirectory={directory}"]);

            Assert.True(File.Exists(Path.Combine(directory, "events.db")));
            Assert.True(File.Exists(Path.Combine(directory, "readmodel.db")));
            Assert.True(File.Exists(Path.Combine(directory, "plugins.db")));
            Assert.True(File.Exists(Path.Combine(directory, "platform.db")));
            Assert.False(File.Exists(Path.Combine(directory, "admin.key")), "Migrating must not start the platform (which creates the first key).");
        }
        finally
        {
            CrmTestHost.TryDelete(directory);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task MigrateAsync_Sqlite_NewDataDirectory_IsTheOwnersOnly()
    {
        var parent = CrmTestHost.CreateTempDirectory();
        var directory = Path.Combine(parent, "data");
        try
        {
            await CrmPlatformApp.MigrateAsync([$"--Crm:DataDirectory={directory}"]);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            var files = Directory.GetFiles(directory);
            Assert.Contains(files, f => f.EndsWith("events.db", StringComparison.Ordinal));
            Assert.All(files, f => Assert.True(
                (File.GetUnixFileMode(f) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) == 0,
                $"{f} is {File.GetUnixFileMode(f)}"));
        }
        finally
        {
            CrmTestHost.TryDelete(parent);
        }
    }

    private async Task<List<string>> MigrationsAsync()
    {
        await using var command = database.DataSource.CreateCommand("SELECT component || ':' || version FROM crm_schema_migrations ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
