using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Sdk.Events;

/// <summary>A service-level target of a case was not met in time.</summary>
/// <param name="Metric">The target.</param>
/// <param name="DueAt">When it was due.</param>
[CustomerEvent("crm.case.sla-breached", 1)]
public sealed record CaseSlaBreached(SlaMetric Metric, DateTimeOffset DueAt) : ICustomerEvent;
