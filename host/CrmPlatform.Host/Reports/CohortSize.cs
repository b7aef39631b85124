namespace CrmPlatform.Host.Reports;

/// <summary>How many customers registered in a month (UTC), as <c>yyyy-MM</c>.</summary>
public sealed record CohortSize(string Month, long Customers);
