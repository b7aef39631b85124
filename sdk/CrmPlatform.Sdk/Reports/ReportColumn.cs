namespace CrmPlatform.Sdk.Reports;

/// <summary>A column of a report.</summary>
/// <param name="Name">The column's name in JSON and in the CSV header (camelCase).</param>
/// <param name="Type">The kind of values it holds.</param>
/// <param name="Description">What it means, in words.</param>
public sealed record ReportColumn(string Name, ReportColumnType Type, string? Description = null);
