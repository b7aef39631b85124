using System.Text.Json;
using CrmPlatform.Host.Storage;

namespace CrmPlatform.Host.Service;

/// <summary>
/// The service module's definitions — calendars, SLA policies, queues — as JSON documents by kind
/// and id, written once over <see cref="SqlDatabase"/>. Definitions are edited rather than
/// happening, so they are not in the log; a case records the deadlines its policy gave it.
/// </summary>
internal sealed class ServiceConfigStore(SqlDatabase database)
{
    /// <summary>The kinds of definition.</summary>
    public const string Calendar = "calendar", SlaPolicy = "sla-policy", Queue = "queue";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The table.</summary>
    public static SchemaComponent Schema { get; } = new(
        "service-config",
        "service-config.db",
        Sqlite: ["CREATE TABLE service_definitions (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (kind, id));"],
        Postgres: ["CREATE TABLE crm_service_definitions (kind text NOT NULL, id text COLLATE \"C\" NOT NULL, body text NOT NULL, updated_at timestamptz NOT NULL, PRIMARY KEY (kind, id));"]);

    private readonly string _table = database.Pick("service_definitions", "crm_service_definitions");

    /// <summary>Creates or replaces a definition.</summary>
    public Task SaveAsync<T>(string kind, string id, T definition, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync(
            $"INSERT INTO {_table} (kind, id, body, updated_at) VALUES (@kind, @id, @body, @at) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            new { kind, id, body = JsonSerializer.Serialize(definition, Json), at = database.Time(at) },
            cancellationToken);

    /// <summary>One definition, or null.</summary>
    public async Task<T?> FindAsync<T>(string kind, string id, CancellationToken cancellationToken = default)
        where T : class =>
        await database.QueryFirstAsync($"SELECT body FROM {_table} WHERE kind = @kind AND id = @id", new { kind, id }, r => r.Text(0), cancellationToken) is { } body
            ? JsonSerializer.Deserialize<T>(body, Json)
            : null;

    /// <summary>Every definition of a kind, by id.</summary>
    public async Task<IReadOnlyList<(string Id, T Definition)>> ListAsync<T>(string kind, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync($"SELECT id, body FROM {_table} WHERE kind = @kind ORDER BY id", new { kind }, r => (r.Text(0), r.Text(1)), cancellationToken);
        return [.. rows.Select(r => (r.Item1, JsonSerializer.Deserialize<T>(r.Item2, Json)!))];
    }
}
