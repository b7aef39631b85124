using System.Data.Common;
using System.Globalization;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Sales;

/// <summary>
/// The sales read model, written once over <see cref="SqlDatabase"/>: the <c>opportunities</c>
/// table (lists, the forecast), the checkpoint of its projector, committed with the rows, and the
/// events the projector parked. Everything here can be rebuilt from the log.
/// </summary>
internal sealed class OpportunityStore(SqlDatabase database)
{
    private const string Columns = "id, customer_id, name, amount, currency, expected_close_date, owner, stage, probability, updated_at, version";

    /// <summary>The tables. Close dates are ISO text (yyyy-MM-dd) on both backends: it sorts and compares as dates do.</summary>
    public static SchemaComponent Schema { get; } = new(
        "sales-opportunities",
        "sales.db",
        Sqlite:
        [
            """
            CREATE TABLE opportunities (
                id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, name TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
                expected_close_date TEXT NOT NULL, owner TEXT NOT NULL, stage TEXT NOT NULL, probability INTEGER NOT NULL,
                updated_at TEXT NOT NULL, version INTEGER NOT NULL);
            CREATE INDEX opportunities_owner ON opportunities (owner, id);
            CREATE INDEX opportunities_customer ON opportunities (customer_id, id);
            CREATE TABLE sales_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
            CREATE TABLE sales_parked (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
                type TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL);
            """,
        ],
        Postgres:
        [
            """
            CREATE TABLE crm_opportunities (
                id text COLLATE "C" PRIMARY KEY, customer_id text COLLATE "C" NOT NULL, name text NOT NULL, amount numeric NOT NULL,
                currency text NOT NULL, expected_close_date text COLLATE "C" NOT NULL, owner text COLLATE "C" NOT NULL, stage text NOT NULL,
                probability integer NOT NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL);
            CREATE INDEX crm_opportunities_owner ON crm_opportunities (owner, id);
            CREATE INDEX crm_opportunities_customer ON crm_opportunities (customer_id, id);
            CREATE TABLE crm_sales_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
            CREATE TABLE crm_sales_parked (position bigint PRIMARY KEY, event_id text NOT NULL, stream_id text NOT NULL,
                type text NOT NULL, error text NOT NULL, parked_at timestamptz NOT NULL);
            """,
        ]) { Durable = false };

    private readonly string _table = database.Pick("opportunities", "crm_opportunities");
    private readonly string _checkpoints = database.Pick("sales_checkpoints", "crm_sales_checkpoints");
    private readonly string _parked = database.Pick("sales_parked", "crm_sales_parked");

    /// <summary>The position of the last event the projector handled, 0 if none.</summary>
    public async Task<long> GetCheckpointAsync(string name, CancellationToken cancellationToken = default) =>
        await database.ScalarAsync<long?>($"SELECT position FROM {_checkpoints} WHERE name = @name", new { name }, cancellationToken) ?? 0;

    /// <summary>
    /// Folds the opportunity events of a batch (in log order) into their rows and moves the
    /// checkpoint to <paramref name="throughPosition"/>, atomically.
    /// </summary>
    public Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, string checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var rows = new Dictionary<string, OpportunityRow?>(StringComparer.Ordinal);
                foreach (var envelope in events)
                {
                    if (!rows.TryGetValue(envelope.StreamId, out var row))
                    {
                        row = await FindAsync(connection, transaction, envelope.StreamId, cancellationToken);
                    }

                    rows[envelope.StreamId] = OpportunityRow.Apply(row, envelope);
                }

                // In id order, so that concurrent writers of overlapping rows lock them in the same order.
                foreach (var row in rows.Values.OfType<OpportunityRow>().OrderBy(r => r.Id, StringComparer.Ordinal))
                {
                    await SqlDatabase.ExecuteAsync(connection, transaction, UpsertSql, Parameters(row), cancellationToken);
                }

                await SaveCheckpointAsync(connection, transaction, checkpoint, throughPosition, cancellationToken);
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
                await SaveCheckpointAsync(connection, transaction, checkpoint, envelope.Position, cancellationToken);
                return 0;
            },
            cancellationToken);
    }

    /// <summary>The positions of the parked events, in log order.</summary>
    public Task<IReadOnlyList<long>> ListParkedAsync(CancellationToken cancellationToken = default) =>
        database.QueryAsync($"SELECT position FROM {_parked} ORDER BY position", null, r => r.Number(0), cancellationToken);

    /// <summary>One opportunity's row, or null.</summary>
    public Task<OpportunityRow?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.QueryFirstAsync($"SELECT {Columns} FROM {_table} WHERE id = @id", new { id }, Read, cancellationToken);

    /// <summary>One page of opportunities matching the query, ordered by id.</summary>
    public async Task<OpportunityPage> ListAsync(OpportunityListQuery query, CancellationToken cancellationToken = default)
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

        Filter("stage = @stage", query.Stage);
        Filter("owner = @owner", query.Owner);
        Filter("customer_id = @customerId", query.CustomerId);
        Filter("id > @afterId", query.AfterId);
        var sql = $"SELECT {Columns} FROM {_table} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY id LIMIT @limit";
        var rows = await database.QueryAsync(
            sql,
            new { stage = query.Stage is { } stage ? StageText(stage) : null, owner = query.Owner, customerId = query.CustomerId, afterId = query.AfterId, limit = query.Limit + 1 },
            Read,
            cancellationToken);
        return OpportunityPage.Of(rows, query.Limit);
    }

    /// <summary>
    /// The weighted pipeline as of <paramref name="asOf"/>: open opportunities whose expected close
    /// month is <paramref name="asOf"/>'s (UTC) or later, summed by month, owner and currency —
    /// currencies are never added together without a rate.
    /// </summary>
    public async Task<Forecast> ForecastAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(asOf.UtcDateTime.Year, asOf.UtcDateTime.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] open = [.. new[] { OpportunityStage.Prospecting, OpportunityStage.Qualification, OpportunityStage.Proposal, OpportunityStage.Negotiation }.Select(StageText)];
        var rows = await database.QueryAsync(
            $"SELECT {Columns} FROM {_table} WHERE expected_close_date >= @from AND stage IN ('{string.Join("', '", open)}')",
            new { from },
            Read,
            cancellationToken);
        var lines = rows
            .GroupBy(r => (Month: r.ExpectedCloseDate.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.Owner, r.Currency))
            .Select(g => new ForecastLine(g.Key.Month, g.Key.Owner, g.Key.Currency, g.Sum(r => r.Amount * r.Probability / 100m), g.Sum(r => r.Amount), g.Count()))
            .OrderBy(l => l.Month, StringComparer.Ordinal).ThenBy(l => l.Owner, StringComparer.Ordinal).ThenBy(l => l.Currency, StringComparer.Ordinal)
            .ToArray();
        return new Forecast(asOf, lines);
    }

    private string UpsertSql =>
        $"""
        INSERT INTO {_table} ({Columns})
        VALUES (@id, @customerId, @name, @amount, @currency, @closeDate, @owner, @stage, @probability, @updatedAt, @version)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, amount = excluded.amount, currency = excluded.currency,
            expected_close_date = excluded.expected_close_date, owner = excluded.owner, stage = excluded.stage,
            probability = excluded.probability, updated_at = excluded.updated_at, version = excluded.version
        """;

    private object Parameters(OpportunityRow row) => new
    {
        id = row.Id,
        customerId = row.CustomerId,
        name = row.Name,
        amount = row.Amount,
        currency = row.Currency,
        closeDate = row.ExpectedCloseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        owner = row.Owner,
        stage = StageText(row.Stage),
        probability = row.Probability,
        updatedAt = database.Time(row.UpdatedAt),
        version = row.Version,
    };

    private async Task<OpportunityRow?> FindAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(connection, transaction, $"SELECT {Columns} FROM {_table} WHERE id = @id", new { id }, Read, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    private Task<int> SaveCheckpointAsync(DbConnection connection, DbTransaction transaction, string name, long position, CancellationToken cancellationToken) =>
        SqlDatabase.ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO {_checkpoints} (name, position) VALUES (@name, @position) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
            new { name, position },
            cancellationToken);

    private static string StageText(OpportunityStage stage) => stage.ToString().ToLowerInvariant();

    private static OpportunityRow Read(SqlRow r) => new(
        r.Text(0),
        r.Text(1),
        r.Text(2),
        r.Amount(3),
        r.Text(4),
        DateOnly.ParseExact(r.Text(5), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Text(6),
        Enum.Parse<OpportunityStage>(r.Text(7), ignoreCase: true),
        r.SmallNumber(8),
        r.Time(9),
        r.Number(10));
}
