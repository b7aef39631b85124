namespace CrmPlatform.Host.Reports;

/// <summary>The latest value of one insight of one customer, as the read model keeps it.</summary>
public sealed record InsightRow(string CustomerId, string Name, double? Value, string? Label, string Source, DateTimeOffset UpdatedAt);
