using System.Data;
using System.Text.Json;
using CrmPlatform.Host.Reports;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using Dapper;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// What the built-in reports read: every stage change (for cohort retention) and each customer's
/// latest insights, written in the same transaction as the rows and the checkpoint.
/// </summary>
public sealed partial class CustomerReadModel
{
    /// <inheritdoc />
    public Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken = default) =>
        _database.QueryAsync(
            $"SELECT stage, count(*) FROM {_customers} GROUP BY stage",
            null,
            r => new StageCount(Enum.Parse<LifecycleStage>(r.Text(0), ignoreCase: true), r.Number(1)),
            cancellationToken);

    /// <inheritdoc />
    public async Task<CohortFacts> ReadCohortsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenForReadsAsync(cancellationToken);
        // One snapshot for both queries, so the histories belong to the customers counted (SQLite's
        // read transaction is one snapshot whatever level is asked).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        // SQLite stores times as ISO 8601 UTC text: the first seven characters are the month.
        var month = _database.Pick("substr(registered_at, 1, 7)", "to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM')");
        var cohorts = await _database.QueryAsync(
            connection, transaction, $"SELECT {month} AS month, count(*) FROM {_customers} GROUP BY month ORDER BY month", null,
            r => new CohortSize(r.Text(0), r.Number(1)), cancellationToken);
        var rows = await _database.QueryAsync(
            connection,
            transaction,
            $"""
            SELECT c.id, c.registered_at, s.changed_at, s.stage
            FROM {_customers} c JOIN {Table("stage_changes")} s ON s.customer_id = c.id
            WHERE c.id IN (SELECT customer_id FROM {Table("stage_changes")} WHERE stage = 'terminated')
            ORDER BY c.id, s.version
            """,
            null,
            r => (r.Text(0), r.Time(1), new StageChange(r.Time(2), Enum.Parse<LifecycleStage>(r.Text(3), ignoreCase: true))),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CohortFacts(cohorts, ReportFacts.Group(rows));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InsightRow>> ListInsightsAsync(string? name, string? customerId, CancellationToken cancellationToken = default)
    {
        if (HasNul(name, customerId))
        {
            return [];
        }

        await using var connection = await _database.OpenForReadsAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT customer_id, name, value, label, source, updated_at FROM {Table("insights")}
            WHERE (@name IS NULL OR name = @name) AND (@customer IS NULL OR customer_id = @customer)
            ORDER BY customer_id, name
            """,
            new { name, customer = customerId },
            cancellationToken: cancellationToken));
        var row = new SqlRow(reader, _database);
        var insights = new List<InsightRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            insights.Add(new InsightRow(
                row.Text(0), row.Text(1), row.IsNull(2) ? null : reader.GetDouble(2), row.NullableText(3), row.Text(4), row.Time(5)));
        }

        return insights;
    }

    /// <summary>
    /// The batch's stage changes and insights as JSON array parameters, each in key order; an
    /// insight updated twice in the batch is written once, at its latest version. Both statements
    /// are idempotent, so replays are harmless.
    /// </summary>
    private (string Stages, string Insights) FactsJson(IEnumerable<EventEnvelope> events)
    {
        var stages = new List<Dictionary<string, object?>>();
        var insights = new SortedDictionary<(string, string), Dictionary<string, object?>>(Comparer<(string, string)>.Create(
            (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var byCustomer and not 0 ? byCustomer : string.CompareOrdinal(a.Item2, b.Item2)));
        foreach (var envelope in events)
        {
            switch (envelope.Event)
            {
                case LifecycleStageChanged e:
                    stages.Add(new()
                    {
                        ["customer_id"] = envelope.CustomerId, ["version"] = envelope.Sequence, ["stage"] = StageText(e.To),
                        ["changed_at"] = StoredTime(envelope.OccurredAt),
                    });
                    break;
                case InsightUpdated e when !insights.TryGetValue((envelope.CustomerId, e.Name), out var seen) || (long)seen["version"]! < envelope.Sequence:
                    insights[(envelope.CustomerId, e.Name)] = new()
                    {
                        ["customer_id"] = envelope.CustomerId, ["name"] = e.Name, ["value"] = e.Value, ["label"] = e.Label,
                        ["source"] = e.Source, ["updated_at"] = StoredTime(envelope.OccurredAt), ["version"] = envelope.Sequence,
                    };
                    break;
            }
        }

        var ordered = stages.OrderBy(s => (string)s["customer_id"]!, StringComparer.Ordinal).ThenBy(s => (long)s["version"]!);
        return (JsonSerializer.Serialize(ordered), JsonSerializer.Serialize(insights.Values));
    }
}
