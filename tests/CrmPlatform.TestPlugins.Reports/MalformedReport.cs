using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>Tables that do not fit their columns: <c>?fault=count</c> a row short of a value, else a text in a number column.</summary>
public sealed class MalformedReport : IReport
{
    /// <inheritdoc />
    public string Name => "malformed";

    /// <inheritdoc />
    public string Title => "Breaks its own columns";

    /// <inheritdoc />
    public Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ReportColumn[] columns = [new("segment", ReportColumnType.Text), new("customers", ReportColumnType.WholeNumber)];
        IReadOnlyList<object?> row = query.Parameters.TryGetValue("fault", out var fault) && fault == "count"
            ? ["gold"]
            : ["gold", "twelve"];
        return Task.FromResult(new ReportTable(columns, [["silver", 4L], row]));
    }
}
