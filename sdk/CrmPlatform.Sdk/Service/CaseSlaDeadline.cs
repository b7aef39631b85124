namespace CrmPlatform.Sdk.Service;

/// <summary>When a service-level target is due, and when a warning is due before it.</summary>
/// <param name="Metric">What is measured.</param>
/// <param name="WarnAt">When the warning fires if the target is not met by then.</param>
/// <param name="DueAt">When the target is breached if it is not met by then.</param>
public sealed record CaseSlaDeadline(SlaMetric Metric, DateTimeOffset WarnAt, DateTimeOffset DueAt);
