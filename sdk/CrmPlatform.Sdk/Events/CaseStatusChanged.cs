using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Sdk.Events;

/// <summary>A case moved from one status to another (a reopen is resolved → open).</summary>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Reason">Why, or the resolution when <paramref name="To"/> is resolved.</param>
[CustomerEvent("crm.case.status-changed", 1)]
public sealed record CaseStatusChanged(CaseStatus From, CaseStatus To, string? Reason) : ICustomerEvent;
