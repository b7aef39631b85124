using Npgsql;

namespace CrmPlatform.IntegrationTests.Cluster;

/// <summary>
/// A fresh database on the test PostgreSQL server for one cluster test, dropped at the end, and
/// read directly: Orleans membership, the event log and the read model. The server comes from
/// <c>CRM_TEST_POSTGRES</c> (set by <c>scripts/test.sh</c>); without it the test fails, it never skips.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    /// <summary>The environment variable with the server's connection string.</summary>
    public const string Variable = "CRM_TEST_POSTGRES";

    /// <summary>Orleans' <c>SiloStatus.Active</c> and <c>SiloStatus.Dead</c> in <c>orleans_membership.status</c>.</summary>
    public const int Active = 3, Dead = 6;

    private readonly string _server;
    private readonly NpgsqlDataSource _dataSource;

    private ClusterDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 4 }.ConnectionString);
    }

    /// <summary>The database's name, <c>crm_it_&lt;guid&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The connection string the silos get.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database.</summary>
    public static async Task<ClusterDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
            ? given
            : throw new InvalidOperationException(
                $"{Variable} is not set: the cluster tests need a PostgreSQL server. Run ./scripts/test.sh, which starts one, " +
                $"or start one with scripts/postgres.sh and export {Variable}.");
        var name = $"crm_it_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new ClusterDatabase(server, name);
    }

    /// <summary>How many silos <c>orleans_membership</c> lists with <paramref name="status"/>.</summary>
    public async Task<int> CountSilosAsync(int status, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT count(*) FROM orleans_membership WHERE status = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = status });
            return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The silos have not created the schema yet.
            return 0;
        }
    }

    /// <summary>Every row of <c>crm_events</c>, by customer and sequence; times exact to the 100 ns tick.</summary>
    public async Task<List<LoggedEvent>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT position, event_id, customer_id, sequence, type, data::text, occurred_at, occurred_at_100ns,
                   recorded_at, recorded_at_100ns, actor, correlation_id, idempotency_key
            FROM crm_events ORDER BY customer_id, sequence
            """);
        var events = new List<LoggedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new LoggedEvent(
                reader.GetInt64(0), reader.GetGuid(1).ToString(), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                Time(reader.GetDateTime(6), reader.GetInt16(7)), Time(reader.GetDateTime(8), reader.GetInt16(9)),
                reader.GetString(10), Text(11), Text(12)));
        }

        return events;
    }

    /// <summary>The read model's customers: version, order count and tags by id.</summary>
    public async Task<Dictionary<string, (long Version, int OrderCount, string[] Tags)>> ReadCustomersAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, version, order_count, tags FROM crm_customers");
        var customers = new Dictionary<string, (long, int, string[])>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            customers[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2), reader.GetFieldValue<string[]>(3));
        }

        return customers;
    }

    /// <summary>How many customers of the log the read model lacks or shows at a version below their last sequence.</summary>
    public async Task<long> CountStaleCustomersAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT count(*) FROM (SELECT customer_id, max(sequence) AS head FROM crm_events GROUP BY customer_id) e
            LEFT JOIN crm_customers c ON c.id = e.customer_id
            WHERE c.version IS DISTINCT FROM e.head
            """);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The exact time from its two columns, as the host reads it.</summary>
    private static DateTimeOffset Time(DateTime micros, short ticks) =>
        new(DateTime.SpecifyKind(micros, DateTimeKind.Utc).AddTicks(ticks), TimeSpan.Zero);
}
