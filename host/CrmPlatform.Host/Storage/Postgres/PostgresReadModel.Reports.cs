using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// What the built-in reports read: every stage change (for cohort retention) and each customer's
/// latest insights, written in the same transaction as the rows and the checkpoint.
/// </summary>
public sealed partial class PostgresReadModel
{
    // The tables came after the customers table: the migration rewinds the projector's checkpoint so
    // that it replays the log once and fills them (rows skip the events they have already seen).
    private const string FactsMigration =
        $"""
        CREATE TABLE crm_stage_changes (
            customer_id text COLLATE "C" NOT NULL, version bigint NOT NULL, stage text NOT NULL, changed_at timestamptz NOT NULL,
            PRIMARY KEY (customer_id, version));
        CREATE INDEX crm_stage_changes_by_stage ON crm_stage_changes (stage, customer_id);
        CREATE TABLE crm_insights (
            customer_id text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, value double precision, label text,
            source text NOT NULL, updated_at timestamptz NOT NULL, version bigint NOT NULL,
            PRIMARY KEY (customer_id, name));
        CREATE INDEX crm_insights_by_name ON crm_insights (name, customer_id);
        UPDATE crm_checkpoints SET position = 0 WHERE name = '{ReadModelProjector.CheckpointName}';
        """;

    private const string StageChangeSql =
        """
        INSERT INTO crm_stage_changes (customer_id, version, stage, changed_at) VALUES (@customer, @version, @stage, @at)
        ON CONFLICT (customer_id, version) DO NOTHING
        """;

    private const string InsightSql =
        """
        INSERT INTO crm_insights (customer_id, name, value, label, source, updated_at, version)
        VALUES (@customer, @name, @value, @label, @source, @at, @version)
        ON CONFLICT (customer_id, name) DO UPDATE SET
            value = excluded.value, label = excluded.label, source = excluded.source,
            updated_at = excluded.updated_at, version = excluded.version
        WHERE crm_insights.version < excluded.version
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT stage, count(*) FROM crm_customers GROUP BY stage");
        var counts = new List<StageCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new StageCount(Enum.Parse<LifecycleStage>(reader.GetString(0), ignoreCase: true), reader.GetInt64(1)));
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<CohortFacts> ReadCohortsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both queries, so the histories belong to the customers counted.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var cohorts = new List<CohortSize>();
        await using (var sizes = new NpgsqlCommand(
            "SELECT to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*) FROM crm_customers GROUP BY month ORDER BY month",
            connection, transaction))
        await using (var reader = await sizes.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                cohorts.Add(new CohortSize(reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var rows = new List<(string Id, DateTimeOffset RegisteredAt, StageChange Change)>();
        await using (var histories = new NpgsqlCommand(
            """
            SELECT c.id, c.registered_at, s.changed_at, s.stage
            FROM crm_customers c JOIN crm_stage_changes s ON s.customer_id = c.id
            WHERE c.id IN (SELECT customer_id FROM crm_stage_changes WHERE stage = 'terminated')
            ORDER BY c.id, s.version
            """,
            connection, transaction))
        await using (var reader = await histories.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                    new StageChange(reader.GetFieldValue<DateTimeOffset>(2), Enum.Parse<LifecycleStage>(reader.GetString(3), ignoreCase: true))));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new CohortFacts(cohorts, ReportFacts.Group(rows));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InsightRow>> ListInsightsAsync(string? name, string? customerId, CancellationToken cancellationToken = default)
    {
        // Text cannot hold U+0000 and no stored name or id contains it: such a filter matches nothing.
        if (name?.Contains('\0', StringComparison.Ordinal) == true || customerId?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand(
            """
            SELECT customer_id, name, value, label, source, updated_at FROM crm_insights
            WHERE (@name::text IS NULL OR name = @name::text) AND (@customer::text IS NULL OR customer_id = @customer::text)
            ORDER BY customer_id, name
            """);
        command.Parameters.Add(new NpgsqlParameter<string?>("name", NpgsqlDbType.Text) { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string?>("customer", NpgsqlDbType.Text) { TypedValue = customerId });
        var insights = new List<InsightRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            insights.Add(new InsightRow(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return insights;
    }

    /// <summary>Adds the batch's stage changes and insights; both statements are idempotent, so replays are harmless.</summary>
    private static void AddFacts(NpgsqlBatch batch, IEnumerable<EventEnvelope> events)
    {
        foreach (var envelope in events)
        {
            NpgsqlBatchCommand? command = envelope.Event switch
            {
                LifecycleStageChanged e => Fact(StageChangeSql, envelope, ("stage", StageText(e.To))),
                InsightUpdated e => Fact(InsightSql, envelope, ("name", e.Name), ("value", e.Value), ("label", e.Label), ("source", e.Source)),
                _ => null,
            };
            if (command is not null)
            {
                batch.BatchCommands.Add(command);
            }
        }
    }

    private static NpgsqlBatchCommand Fact(string sql, EventEnvelope envelope, params (string Name, object? Value)[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("customer", envelope.CustomerId);
        command.Parameters.AddWithValue("version", envelope.Sequence);
        command.Parameters.AddWithValue("at", Utc(envelope.OccurredAt));
        foreach (var (name, value) in values)
        {
            command.Parameters.Add(new NpgsqlParameter(name, name == "value" ? NpgsqlDbType.Double : NpgsqlDbType.Text) { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
