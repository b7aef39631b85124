namespace CrmPlatform.Host.Reports;

/// <summary>When a customer registered and every stage change it went through, oldest first.</summary>
public sealed record CustomerStageHistory(string CustomerId, DateTimeOffset RegisteredAt, IReadOnlyList<StageChange> Changes);
