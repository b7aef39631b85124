using System.Data;
using System.Reflection;
using System.Text.RegularExpressions;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Tests.Infrastructure;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;

namespace CrmPlatform.Host.Tests.Cluster;

public sealed partial class OrleansPostgresSchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // The keys as Orleans 10.4.2 spells them (DbStoredQueries in Orleans.Clustering.AdoNet and Orleans.Reminders.AdoNet,
    // AdoNetGrainStorage.DefaultInitializationQuery in Orleans.Persistence.AdoNet).
    private static readonly string[] ExpectedKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] MembershipColumns =
        ["DeploymentId", "Address", "Port", "Generation", "SiloName", "HostName", "Status", "ProxyPort", "SuspectTimes", "StartTime", "IAmAliveTime", "Version"];

    private static readonly string[] ReminderColumns = ["GrainId", "ReminderName", "StartTime", "Period", "Version"];

    // The result columns Orleans reads by name (a single unnamed column where it reads column 0; none for commands).
    private static readonly Dictionary<string, string[]> ResultColumns = new()
    {
        ["GatewaysQueryKey"] = ["Address", "ProxyPort", "Generation"],
        ["MembershipReadRowKey"] = MembershipColumns,
        ["MembershipReadAllKey"] = MembershipColumns,
        ["InsertMembershipVersionKey"] = ["?"],
        ["InsertMembershipKey"] = ["?"],
        ["UpdateMembershipKey"] = ["?"],
        ["UpdateIAmAlivetimeKey"] = [],
        ["DeleteMembershipTableEntriesKey"] = [],
        ["CleanupDefunctSiloEntriesKey"] = [],
        ["ReadFromStorageKey"] = ["PayloadBinary", "Version"],
        ["WriteToStorageKey"] = ["NewGrainStateVersion"],
        ["ClearStorageKey"] = ["?"],
        ["DeleteStorageKey"] = ["?"],
        ["ReadReminderRowsKey"] = ReminderColumns,
        ["ReadReminderRowKey"] = ReminderColumns,
        ["ReadRangeRows1Key"] = ReminderColumns,
        ["ReadRangeRows2Key"] = ReminderColumns,
        ["UpsertReminderRowKey"] = ["Version"],
        ["DeleteReminderRowKey"] = ["?"],
        ["DeleteReminderRowsKey"] = [],
    };

    // Every parameter the providers bind, with the DbType Orleans gives it and a sample value.
    private static readonly Dictionary<string, (DbType Type, object? Value)> Parameters = new()
    {
        ["DeploymentId"] = (DbType.String, "cluster"),
        ["Address"] = (DbType.AnsiString, "127.0.0.1"),
        ["Port"] = (DbType.Int32, 11111),
        ["Generation"] = (DbType.Int32, 1),
        ["SiloName"] = (DbType.String, "silo"),
        ["HostName"] = (DbType.String, "host"),
        ["Status"] = (DbType.Int32, 3),
        ["ProxyPort"] = (DbType.Int32, 30000),
        ["SuspectTimes"] = (DbType.String, null),
        ["StartTime"] = (DbType.DateTime, DateTime.UtcNow),
        ["IAmAliveTime"] = (DbType.DateTime, DateTime.UtcNow),
        ["Version"] = (DbType.Int32, 0),
        ["ServiceId"] = (DbType.String, "service"),
        ["GrainId"] = (DbType.AnsiString, "probe/1"),
        ["GrainHash"] = (DbType.Int32, -5),
        ["BeginHash"] = (DbType.Int32, -10),
        ["EndHash"] = (DbType.Int32, 10),
        ["ReminderName"] = (DbType.String, "tick"),
        ["Period"] = (DbType.Int32, 60_000),
        ["GrainIdHash"] = (DbType.Int32, 7),
        ["GrainIdN0"] = (DbType.Int64, 1L),
        ["GrainIdN1"] = (DbType.Int64, 2L),
        ["GrainTypeHash"] = (DbType.Int32, 9),
        ["GrainTypeString"] = (DbType.String, "state"),
        ["GrainIdExtensionString"] = (DbType.String, null),
        ["GrainStateVersion"] = (DbType.Int32, null),
        ["PayloadBinary"] = (DbType.Binary, new byte[] { 0x7b, 0x7d }),
    };

    [Fact]
    public void ExpectedKeys_MatchTheKeysOrleansRequires()
    {
        var required = RequiredKeys(typeof(AdoNetClusteringTable).Assembly)
            .Concat(RequiredKeys(typeof(AdoNetReminderTableOptions).Assembly))
            .Concat(QueryKeyLiteral().Matches(AdoNetGrainStorage.DefaultInitializationQuery).Select(m => m.Groups[1].Value));

        Assert.Equal(ExpectedKeys.Order(), required.Order());
        Assert.Equal(ExpectedKeys.Order(), OrleansPostgresSchema.ClusteringQueryKeys
            .Concat(OrleansPostgresSchema.GrainStorageQueryKeys).Concat(OrleansPostgresSchema.ReminderQueryKeys).Order());
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_CreatesEveryTableAndQuery()
    {
        await MigrateAsync();

        Assert.Equal(ExpectedKeys.Order(), (await QueryKeysAsync()).Order());
        foreach (var table in new[] { "orleansquery", "orleans_membership_version", "orleans_membership", "orleans_storage", "orleans_reminders" })
        {
            await using var exists = database.DataSource.CreateCommand($"SELECT to_regclass('{table}') IS NOT NULL");
            Assert.True((bool)(await exists.ExecuteScalarAsync(TestContext.Current.CancellationToken))!, table);
        }
    }

    [Fact]
    public async Task MigrateAsync_Twice_SecondRunChangesNothing()
    {
        await MigrateAsync();
        var before = await QueryKeysAsync();

        var applied = await MigrateAsync();

        Assert.Equal(0, applied);
        Assert.Equal(before.Order(), (await QueryKeysAsync()).Order());
        await using var version = database.DataSource.CreateCommand("SELECT max(version) FROM crm_schema_migrations WHERE component = 'orleans'");
        Assert.Equal(OrleansPostgresSchema.Migrations.Count, (int)(await version.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task Queries_RunWithOrleansParameters_ReturnTheColumnsOrleansReads()
    {
        await MigrateAsync();
        var texts = new Dictionary<string, string>();
        await using (var read = database.DataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery"))
        await using (var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                texts.Add(reader.GetString(0), reader.GetString(1));
            }
        }

        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        foreach (var (key, expected) in ResultColumns)
        {
            await using var command = new NpgsqlCommand(texts[key], connection, transaction);
            foreach (Match match in ParameterReference().Matches(texts[key]))
            {
                var name = match.Groups[1].Value;
                Assert.True(Parameters.ContainsKey(name), $"{key} uses @{name}, which Orleans does not bind.");
                if (!command.Parameters.Contains(name))
                {
                    var (type, value) = Parameters[name];
                    command.Parameters.Add(new NpgsqlParameter { ParameterName = name, DbType = type, Value = value ?? DBNull.Value });
                }
            }

            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            Assert.Equal(expected.Length, columns.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i] == "?" || string.Equals(expected[i], columns[i], StringComparison.OrdinalIgnoreCase), $"{key}: column {i} is {columns[i]}, Orleans reads {expected[i]}.");
            }
        }

        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }

    private Task<int> MigrateAsync() =>
        PostgresMigrator.MigrateAsync(database.DataSource, OrleansPostgresSchema.Component, OrleansPostgresSchema.Migrations, TestContext.Current.CancellationToken);

    private async Task<List<string>> QueryKeysAsync()
    {
        var keys = new List<string>();
        await using var command = database.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    // DbStoredQueries refuses to start unless every one of its internal *Key properties has a row.
    private static IEnumerable<string> RequiredKeys(Assembly provider) =>
        provider.GetTypes().Single(t => t.Name == "DbStoredQueries")
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(p => p.Name);

    [GeneratedRegex(@"'(\w+Key)'")]
    private static partial Regex QueryKeyLiteral();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterReference();
}
