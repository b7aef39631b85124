namespace CrmPlatform.Sdk.Events;

/// <summary>A case was put in a queue or given to an agent (either may be none).</summary>
/// <param name="Queue">The queue it is in now.</param>
/// <param name="Owner">The agent who owns it now.</param>
[CustomerEvent("crm.case.assigned", 1)]
public sealed record CaseAssigned(string? Queue, string? Owner) : ICustomerEvent;
