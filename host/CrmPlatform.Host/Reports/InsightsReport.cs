using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// <c>crm/insights</c>: every customer's latest insights (what analytics wrote back onto them), from
/// the read model; <c>?name=</c> keeps one insight, <c>?customerId=</c> one customer.
/// </summary>
public sealed class InsightsReport(IReportReadModel readModel) : IReport
{
    /// <summary>The query parameter that keeps one insight name.</summary>
    public const string NameParameter = "name";

    /// <summary>The query parameter that keeps one customer.</summary>
    public const string CustomerParameter = "customerId";

    private static readonly ReportColumn[] Columns =
    [
        new("customerId", ReportColumnType.Text, "The customer."),
        new("name", ReportColumnType.Text, "The insight's name (for example churn-risk or value-tier)."),
        new("value", ReportColumnType.Number, "Its numeric value, when it has one."),
        new("label", ReportColumnType.Text, "Its label, when it has one."),
        new("source", ReportColumnType.Text, "The module that computed it."),
        new("updatedAt", ReportColumnType.Timestamp, "When it was last written (UTC)."),
    ];

    /// <inheritdoc />
    public string Name => "insights";

    /// <inheritdoc />
    public string Title => "Customer insights";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var name = Parameter(query, NameParameter);
        var customerId = Parameter(query, CustomerParameter);
        var insights = await readModel.ListInsightsAsync(name, customerId, cancellationToken);
        return new ReportTable(
            Columns,
            [.. insights.Select(i => (IReadOnlyList<object?>)[i.CustomerId, i.Name, i.Value, i.Label, i.Source, i.UpdatedAt])]);
    }

    private static string? Parameter(ReportQuery query, string name)
    {
        if (!query.Parameters.TryGetValue(name, out var value))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) || value.Length > 200
            ? throw new ReportQueryException(name, "Must be 1 to 200 characters.")
            : value;
    }
}
