namespace CrmPlatform.Sdk.Reports;

/// <summary>What the reader asked for: the query string of the request, minus the platform's own parameters.</summary>
/// <param name="Parameters">Parameters by name (case-insensitive).</param>
public sealed record ReportQuery(IReadOnlyDictionary<string, string> Parameters);
