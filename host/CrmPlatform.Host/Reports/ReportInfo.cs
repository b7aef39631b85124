namespace CrmPlatform.Host.Reports;

/// <summary>A report that can be read: where it comes from (<c>crm</c> or a plugin id), its name and title.</summary>
public sealed record ReportInfo(string Source, string Name, string Title);
