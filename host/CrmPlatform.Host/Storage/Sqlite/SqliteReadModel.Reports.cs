using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Microsoft.Data.Sqlite;

namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>
/// What the built-in reports read: every stage change (for cohort retention) and each customer's
/// latest insights, kept by the projector in the same transaction as the rows and the checkpoint.
/// </summary>
public sealed partial class SqliteReadModel : IReportReadModel
{
    // The tables came after the customers table: the migration rewinds the projector's checkpoint so
    // that it replays the log once and fills them (rows skip the events they have already seen).
    private const string FactsMigration =
        $"""
        CREATE TABLE stage_changes (
            customer_id TEXT NOT NULL, version INTEGER NOT NULL, stage TEXT NOT NULL, changed_at TEXT NOT NULL,
            PRIMARY KEY (customer_id, version));
        CREATE INDEX stage_changes_by_stage ON stage_changes (stage, customer_id);
        CREATE TABLE insights (
            customer_id TEXT NOT NULL, name TEXT NOT NULL, value REAL, label TEXT, source TEXT NOT NULL,
            updated_at TEXT NOT NULL, version INTEGER NOT NULL,
            PRIMARY KEY (customer_id, name));
        CREATE INDEX insights_by_name ON insights (name, customer_id);
        UPDATE checkpoints SET position = 0 WHERE name = '{ReadModelProjector.CheckpointName}';
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stage, count(*) FROM customers GROUP BY stage";
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
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var cohorts = new List<CohortSize>();
        await using (var sizes = connection.CreateCommand())
        {
            sizes.Transaction = transaction;
            // Times are stored as ISO 8601 UTC text: the first seven characters are the month.
            sizes.CommandText = "SELECT substr(registered_at, 1, 7) AS month, count(*) FROM customers GROUP BY month ORDER BY month";
            await using var reader = await sizes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cohorts.Add(new CohortSize(reader.GetString(0), reader.GetInt64(1)));
            }
        }

        await using var histories = connection.CreateCommand();
        histories.Transaction = transaction;
        histories.CommandText = """
            SELECT c.id, c.registered_at, s.changed_at, s.stage
            FROM customers c JOIN stage_changes s ON s.customer_id = c.id
            WHERE c.id IN (SELECT customer_id FROM stage_changes WHERE stage = 'terminated')
            ORDER BY c.id, s.version
            """;
        var rows = new List<(string Id, DateTimeOffset RegisteredAt, StageChange Change)>();
        await using (var reader = await histories.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), EventRows.ParseTime(reader.GetString(1)),
                    new StageChange(EventRows.ParseTime(reader.GetString(2)), Enum.Parse<LifecycleStage>(reader.GetString(3), ignoreCase: true))));
            }
        }

        return new CohortFacts(cohorts, ReportFacts.Group(rows));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InsightRow>> ListInsightsAsync(string? name, string? customerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT customer_id, name, value, label, source, updated_at FROM insights
            WHERE ($name IS NULL OR name = $name) AND ($customer IS NULL OR customer_id = $customer)
            ORDER BY customer_id, name
            """;
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue("$customer", (object?)customerId ?? DBNull.Value);
        var insights = new List<InsightRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            insights.Add(new InsightRow(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), EventRows.ParseTime(reader.GetString(5))));
        }

        return insights;
    }

    /// <summary>Records the batch's stage changes and insights; both statements are idempotent, so replays are harmless.</summary>
    private static async Task WriteFactsAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        await using var stage = connection.CreateCommand();
        stage.Transaction = transaction;
        stage.CommandText = """
            INSERT INTO stage_changes (customer_id, version, stage, changed_at) VALUES ($customer, $version, $stage, $at)
            ON CONFLICT (customer_id, version) DO NOTHING
            """;
        await using var insight = connection.CreateCommand();
        insight.Transaction = transaction;
        insight.CommandText = """
            INSERT INTO insights (customer_id, name, value, label, source, updated_at, version)
            VALUES ($customer, $name, $value, $label, $source, $at, $version)
            ON CONFLICT (customer_id, name) DO UPDATE SET
                value = excluded.value, label = excluded.label, source = excluded.source,
                updated_at = excluded.updated_at, version = excluded.version
            WHERE insights.version < excluded.version
            """;
        foreach (var envelope in events)
        {
            var command = envelope.Event switch
            {
                LifecycleStageChanged e => Bind(stage, envelope, ("$stage", StageText(e.To))),
                InsightUpdated e => Bind(insight, envelope, ("$name", e.Name), ("$value", e.Value), ("$label", e.Label), ("$source", e.Source)),
                _ => null,
            };
            if (command is not null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static SqliteCommand Bind(SqliteCommand command, EventEnvelope envelope, params (string Name, object? Value)[] values)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$customer", envelope.CustomerId);
        command.Parameters.AddWithValue("$version", envelope.Sequence);
        command.Parameters.AddWithValue("$at", EventRows.FormatTime(envelope.OccurredAt));
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
