using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>Returns the query parameters it was given, one row each, sorted by name.</summary>
public sealed class EchoReport : IReport
{
    /// <inheritdoc />
    public string Name => "echo";

    /// <inheritdoc />
    public string Title => "The query, echoed";

    /// <inheritdoc />
    public Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(new ReportTable(
            [new ReportColumn("parameter", ReportColumnType.Text), new ReportColumn("value", ReportColumnType.Text)],
            [.. query.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<object?>)[p.Key, p.Value])]));
    }
}
