namespace CrmPlatform.Host.Reports;

/// <summary>
/// The read-model queries the built-in reports run: aggregates over the customers table and the
/// stage-change and insight tables the projector keeps beside it — never the grains.
/// </summary>
public interface IReportReadModel
{
    /// <summary>How many customers are in each lifecycle stage now (stages with none are left out).</summary>
    Task<IReadOnlyList<StageCount>> CountByStageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The cohorts by registration month (UTC) and the stage history of every customer that was ever
    /// Terminated: what cohort retention needs, without reading the customers that never churned.
    /// </summary>
    Task<CohortFacts> ReadCohortsAsync(CancellationToken cancellationToken = default);

    /// <summary>Customers' insights, by customer id then insight name; optionally only one insight name or one customer.</summary>
    Task<IReadOnlyList<InsightRow>> ListInsightsAsync(string? name, string? customerId, CancellationToken cancellationToken = default);
}
