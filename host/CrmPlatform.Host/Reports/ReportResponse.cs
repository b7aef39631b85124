
namespace CrmPlatform.Host.Reports;

/// <summary>A report as JSON: its columns, and one object per row keyed by column name.</summary>
public sealed record ReportResponse(
    string Source,
    string Name,
    string Title,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportColumnResponse> Columns,
    IReadOnlyList<Dictionary<string, object?>> Rows,
    IReadOnlyList<string> Notes)
{
    /// <summary>The response for a built report; timestamps in UTC.</summary>
    public static ReportResponse From(BuiltReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var columns = report.Table.Columns;
        return new ReportResponse(
            report.Info.Source,
            report.Info.Name,
            report.Info.Title,
            report.GeneratedAt.ToUniversalTime(),
            [.. columns.Select(c => new ReportColumnResponse(c.Name, c.Type, c.Description))],
            [.. report.Table.Rows.Select(row => Row(columns.Select(c => c.Name), row))],
            report.Table.Notes ?? []);
    }

    private static Dictionary<string, object?> Row(IEnumerable<string> names, IReadOnlyList<object?> values) =>
        names.Select((name, i) => (name, value: values[i] is DateTimeOffset at ? at.ToUniversalTime() : values[i]))
            .ToDictionary(x => x.name, x => x.value, StringComparer.Ordinal);
}
