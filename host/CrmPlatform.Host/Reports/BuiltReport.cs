using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>A report's table as built now, checked against its columns.</summary>
public sealed record BuiltReport(ReportInfo Info, DateTimeOffset GeneratedAt, ReportTable Table);
