namespace CrmPlatform.Sdk.Reports;

/// <summary>The data of a report: rows of values in the order of the columns.</summary>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows; each has one value per column (null for none), of the column's type.</param>
/// <param name="Notes">Sentences that describe the table in plain words (for example what each segment is like).</param>
public sealed record ReportTable(
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    IReadOnlyList<string>? Notes = null);
