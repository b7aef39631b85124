namespace CrmPlatform.Host.Reports;

/// <summary>Helpers the read-model adapters share to shape report facts.</summary>
public static class ReportFacts
{
    /// <summary>Groups stage-change rows, ordered by customer then version, into one history per customer.</summary>
    public static IReadOnlyList<CustomerStageHistory> Group(IEnumerable<(string Id, DateTimeOffset RegisteredAt, StageChange Change)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows
            .GroupBy(r => (r.Id, r.RegisteredAt))
            .Select(g => new CustomerStageHistory(g.Key.Id, g.Key.RegisteredAt, [.. g.Select(r => r.Change)]))];
    }
}
