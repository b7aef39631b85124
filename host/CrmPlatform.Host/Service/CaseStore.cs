using System.Data.Common;
using System.Text.Json;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>
/// The service read model, written once over <see cref="SqlDatabase"/>: the <c>cases</c> table
/// (lists, agents' loads, and the SLA due index — each case's next instant to check), the
/// checkpoint of its projector, committed with the rows, and the events the projector parked.
/// Everything here can be rebuilt from the log.
/// </summary>
internal sealed class CaseStore(SqlDatabase database)
{
    private const string Columns =
        "id, customer_id, subject, kind, priority, status, category, queue, owner, tags, opened_at, updated_at, first_responded_at, resolved_at, sla, version";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The tables.</summary>
    public static SchemaComponent Schema { get; } = new(
        "service-cases",
        "service.db",
        Sqlite:
        [
            """
            CREATE TABLE cases (
                id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL, priority TEXT NOT NULL,
                status TEXT NOT NULL, category TEXT NULL, queue TEXT NULL, owner TEXT NULL, tags TEXT NOT NULL,
                opened_at TEXT NOT NULL, updated_at TEXT NOT NULL, first_responded_at TEXT NULL, resolved_at TEXT NULL,
                sla TEXT NOT NULL, breached INTEGER NOT NULL, next_due_at TEXT NULL, version INTEGER NOT NULL);
            CREATE INDEX cases_queue_owner ON cases (queue, owner, status);
            CREATE INDEX cases_customer ON cases (customer_id, id);
            CREATE INDEX cases_next_due ON cases (next_due_at) WHERE next_due_at IS NOT NULL;
            CREATE TABLE service_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
            CREATE TABLE service_parked (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
                type TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL);
            """,
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_cases (
                id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, subject text NOT NULL, kind text NOT NULL,
                priority text NOT NULL, status text NOT NULL, category text NULL, queue text COLLATE "C" NULL, owner text COLLATE "C" NULL,
                tags text NOT NULL, opened_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, first_responded_at timestamptz NULL,
                resolved_at timestamptz NULL, sla text NOT NULL, breached integer NOT NULL, next_due_at timestamptz NULL, version bigint NOT NULL);
            CREATE INDEX crm_cases_queue_owner ON crm_cases (queue, owner, status);
            CREATE INDEX crm_cases_customer ON crm_cases (customer_id, id);
            CREATE INDEX crm_cases_next_due ON crm_cases (next_due_at) WHERE next_due_at IS NOT NULL;
            CREATE TABLE crm_service_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
            CREATE TABLE crm_service_parked (position bigint PRIMARY KEY, event_id text NOT NULL, stream_id text NOT NULL,
                type text NOT NULL, error text NOT NULL, parked_at timestamptz NOT NULL);
            """,
        ]) { Durable = false };

    private readonly string _table = database.Pick("cases", "crm_cases");
    private readonly string _checkpoints = database.Pick("service_checkpoints", "crm_service_checkpoints");
    private readonly string _parked = database.Pick("service_parked", "crm_service_parked");

    /// <summary>The position of the last event the projector handled, 0 if none.</summary>
    public async Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default) =>
        await database.ScalarAsync<long?>($"SELECT position FROM {_checkpoints} WHERE name = @name", new { name }, cancellationToken) ?? 0;

    /// <summary>Folds the case events of a batch (in log order) into their rows and moves the checkpoint, atomically.</summary>
    public Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var rows = new Dictionary<string, CaseRow?>(StringComparer.Ordinal);
                foreach (var envelope in events)
                {
                    if (!rows.TryGetValue(envelope.StreamId, out var row))
                    {
                        row = await FindAsync(connection, transaction, envelope.StreamId, cancellationToken);
                    }

                    rows[envelope.StreamId] = CaseRow.Apply(row, envelope);
                }

                // In id order, so that concurrent writers of overlapping rows lock them in the same order.
                foreach (var row in rows.Values.OfType<CaseRow>().OrderBy(r => r.Id, StringComparer.Ordinal))
                {
                    await SqlDatabase.ExecuteAsync(connection, transaction, UpsertSql, Parameters(row), cancellationToken);
                }

                await SqlDatabase.ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO {_checkpoints} (name, position) VALUES (@checkpoint, @throughPosition) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                    new { checkpoint, throughPosition },
                    cancellationToken);
                return 0;
            },
            cancellationToken);
    }

    /// <summary>Records an event the projector gave up on and moves the checkpoint past it, atomically.</summary>
    public Task ParkAsync(EventEnvelope envelope, string error, DateTimeOffset parkedAt, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await SqlDatabase.ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO {_parked} (position, event_id, stream_id, type, error, parked_at) VALUES (@position, @eventId, @streamId, @type, @error, @at) ON CONFLICT (position) DO NOTHING",
                    new { position = envelope.Position, eventId = envelope.EventId.ToString(), streamId = envelope.StreamId, type = envelope.Type, error, at = database.Time(parkedAt) },
                    cancellationToken);
                await SqlDatabase.ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO {_checkpoints} (name, position) VALUES (@checkpoint, @position) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                    new { checkpoint, position = envelope.Position },
                    cancellationToken);
                return 0;
            },
            cancellationToken);
    }

    /// <summary>The positions of the parked events, in log order.</summary>
    public Task<IReadOnlyList<long>> ListParkedAsync(CancellationToken cancellationToken = default) =>
        database.QueryAsync($"SELECT position FROM {_parked} ORDER BY position", null, r => r.Number(0), cancellationToken);

    /// <summary>One case's row, or null.</summary>
    public Task<CaseRow?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync($"SELECT {Columns} FROM {_table} WHERE id = @id", new { id }, Read, cancellationToken);

    /// <summary>One page of cases matching the query, ordered by id.</summary>
    public async Task<CasePage> ListAsync(CaseListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        void Filter(string clause, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
            }
        }

        Filter("status = @status", query.Status);
        Filter("queue = @queue", query.Queue);
        Filter("owner = @owner", query.Owner);
        Filter("customer_id = @customerId", query.CustomerId);
        Filter("breached = @breached", query.Breached);
        Filter("id > @afterId", query.AfterId);
        var sql = $"SELECT {Columns} FROM {_table} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT @limit";
        var rows = await database.QueryAsync(
            sql,
            new
            {
                status = query.Status is { } status ? Text(status) : null,
                queue = query.Queue,
                owner = query.Owner,
                customerId = query.CustomerId,
                breached = query.Breached is { } breached ? (breached ? 1 : 0) : (int?)null,
                afterId = query.AfterId,
                limit = query.Limit + 1,
            },
            Read,
            cancellationToken);
        return CasePage.Of(rows, query.Limit);
    }

    /// <summary>The due index: the ids of cases whose next SLA check is at or before <paramref name="now"/>, earliest first.</summary>
    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        database.QueryAsync(
            $"SELECT id FROM {_table} WHERE next_due_at IS NOT NULL AND next_due_at <= @now ORDER BY next_due_at, id LIMIT @limit",
            new { now = database.Time(now), limit },
            r => r.Text(0),
            cancellationToken);

    /// <summary>How many active (new, open or pending) cases of the queue each agent owns.</summary>
    public async Task<IReadOnlyDictionary<string, int>> LoadsAsync(string queue, CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            $"SELECT owner, COUNT(*) FROM {_table} WHERE queue = @queue AND owner IS NOT NULL AND status IN ('new', 'open', 'pending') GROUP BY owner",
            new { queue },
            r => (Owner: r.Text(0), Count: r.SmallNumber(1)),
            cancellationToken);
        return rows.ToDictionary(r => r.Owner, r => r.Count, StringComparer.Ordinal);
    }

    private string UpsertSql =>
        $"""
        INSERT INTO {_table} ({Columns}, breached, next_due_at)
        VALUES (@id, @customerId, @subject, @kind, @priority, @status, @category, @queue, @owner, @tags, @openedAt, @updatedAt,
            @firstRespondedAt, @resolvedAt, @sla, @version, @breached, @nextDueAt)
        ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, kind = excluded.kind, priority = excluded.priority,
            status = excluded.status, category = excluded.category, queue = excluded.queue, owner = excluded.owner, tags = excluded.tags,
            updated_at = excluded.updated_at, first_responded_at = excluded.first_responded_at, resolved_at = excluded.resolved_at,
            sla = excluded.sla, version = excluded.version, breached = excluded.breached, next_due_at = excluded.next_due_at
        """;

    private object Parameters(CaseRow row) => new
    {
        id = row.Id,
        customerId = row.CustomerId,
        subject = row.Subject,
        kind = Text(row.Kind),
        priority = Text(row.Priority),
        status = Text(row.Status),
        category = row.Category,
        queue = row.Queue,
        owner = row.Owner,
        tags = JsonSerializer.Serialize(row.Tags, Json),
        openedAt = database.Time(row.OpenedAt),
        updatedAt = database.Time(row.UpdatedAt),
        firstRespondedAt = database.Time(row.FirstRespondedAt),
        resolvedAt = database.Time(row.ResolvedAt),
        sla = JsonSerializer.Serialize(row.Sla, Json),
        version = row.Version,
        breached = row.Breached ? 1 : 0,
        nextDueAt = database.Time(row.NextDueAt),
    };

    private async Task<CaseRow?> FindAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(connection, transaction, $"SELECT {Columns} FROM {_table} WHERE id = @id", new { id }, Read, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    private static string Text<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()).ToLowerInvariant();

    private static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    private static CaseRow Read(SqlRow r) => new(
        r.Text(0),
        r.Text(1),
        r.Text(2),
        Parse<CaseKind>(r.Text(3)),
        Parse<CasePriority>(r.Text(4)),
        Parse<CaseStatus>(r.Text(5)),
        r.NullableText(6),
        r.NullableText(7),
        r.NullableText(8),
        JsonSerializer.Deserialize<string[]>(r.Text(9), Json) ?? [],
        r.Time(10),
        r.Time(11),
        r.NullableTime(12),
        r.NullableTime(13),
        JsonSerializer.Deserialize<CaseSlaEntry[]>(r.Text(14), Json) ?? [],
        r.Number(15));
}
