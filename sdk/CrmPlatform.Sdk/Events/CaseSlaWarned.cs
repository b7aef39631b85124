using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Sdk.Events;

/// <summary>A service-level target of a case is close to breach.</summary>
/// <param name="Metric">The target.</param>
/// <param name="DueAt">When it will be breached.</param>
[CustomerEvent("crm.case.sla-warning", 1)]
public sealed record CaseSlaWarned(SlaMetric Metric, DateTimeOffset DueAt) : ICustomerEvent;
