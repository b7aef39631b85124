using Npgsql;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database on the test PostgreSQL server for one test class, dropped afterwards.
/// The server comes from <c>CRM_TEST_POSTGRES</c>, which <c>scripts/test.sh</c> sets after starting a
/// throwaway server; without it the tests fail — they never skip.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    /// <summary>The environment variable with the server's connection string.</summary>
    public const string Variable = "CRM_TEST_POSTGRES";

    private readonly string _name = $"crm_test_{Guid.NewGuid():N}";
    private string? _server;

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A data source on this class's database.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run ./scripts/test.sh, which starts one.");
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
