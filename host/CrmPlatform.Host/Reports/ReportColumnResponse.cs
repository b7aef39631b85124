using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>A column of a report as the API shows it.</summary>
public sealed record ReportColumnResponse(string Name, ReportColumnType Type, string? Description);
