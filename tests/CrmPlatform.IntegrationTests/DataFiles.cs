using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.IntegrationTests;

/// <summary>Reads the host's SQLite files directly, read-only: the event log and the read model.</summary>
internal static class DataFiles
{
    /// <summary>Every row of <c>events.db</c>, by customer and sequence.</summary>
    public static List<LoggedEvent> ReadEvents(string dataDirectory)
    {
        using var connection = Open(Path.Combine(dataDirectory, "events.db"));
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position, event_id, customer_id, sequence, type, data, occurred_at, recorded_at, actor, correlation_id, idempotency_key
            FROM events ORDER BY customer_id, sequence
            """;
        var events = new List<LoggedEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new LoggedEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                Time(reader.GetString(6)), Time(reader.GetString(7)), reader.GetString(8), Text(9), Text(10)));
        }

        return events;
    }

    /// <summary>The last position in the log, and the position the read model has reached.</summary>
    public static (long LogHead, long ReadModelPosition) ReadPositions(string dataDirectory)
    {
        using var log = Open(Path.Combine(dataDirectory, "events.db"));
        using var head = log.CreateCommand();
        head.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        using var readModel = Open(Path.Combine(dataDirectory, "readmodel.db"));
        using var checkpoint = readModel.CreateCommand();
        checkpoint.CommandText = "SELECT COALESCE(MAX(position), 0) FROM checkpoints WHERE name = 'read-model.customers'";
        return ((long)head.ExecuteScalar()!, (long)checkpoint.ExecuteScalar()!);
    }

    /// <summary>The read model's customers: version, order count and tags by id.</summary>
    public static Dictionary<string, (long Version, int OrderCount, string[] Tags)> ReadCustomers(string dataDirectory)
    {
        using var connection = Open(Path.Combine(dataDirectory, "readmodel.db"));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, version, order_count, tags FROM customers";
        var customers = new Dictionary<string, (long, int, string[])>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            customers[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2), JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? []);
        }

        return customers;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static DateTimeOffset Time(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
