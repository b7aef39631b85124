namespace CrmPlatform.Grains.Service;

/// <summary>A stretch of time in which a case's SLA clock stood still.</summary>
public sealed record SlaPause(DateTimeOffset From, DateTimeOffset To);
