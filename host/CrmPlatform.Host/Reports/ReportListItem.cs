namespace CrmPlatform.Host.Reports;

/// <summary>A report that can be read, and where.</summary>
/// <param name="Source"><c>crm</c> for the platform's own reports, else the plugin id.</param>
/// <param name="Name">The report's name within its source.</param>
/// <param name="Title">A short title for people.</param>
/// <param name="Href">Its address (add <c>?format=csv</c> for CSV).</param>
public sealed record ReportListItem(string Source, string Name, string Title, string Href);
