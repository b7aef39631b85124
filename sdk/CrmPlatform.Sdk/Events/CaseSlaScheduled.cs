using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Sdk.Events;

/// <summary>
/// A case's service-level deadlines were set (on opening) or moved (when the clock resumes after
/// pending): computed in business hours of the policy's calendar, so subscribers need no calendar.
/// </summary>
/// <param name="PolicyId">The SLA policy that applies.</param>
/// <param name="Deadlines">The targets not yet met, with their warning and due instants.</param>
[CustomerEvent("crm.case.sla-scheduled", 1)]
public sealed record CaseSlaScheduled(string PolicyId, IReadOnlyList<CaseSlaDeadline> Deadlines) : ICustomerEvent;
