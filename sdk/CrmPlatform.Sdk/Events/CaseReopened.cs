using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A resolved service case of the customer was reopened; it counts as open again in the customer's summary.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">The case's kind.</param>
/// <param name="Priority">The case's priority.</param>
/// <param name="Subject">The case's subject.</param>
[CustomerEvent("crm.customer.case-reopened", 1)]
public sealed record CaseReopened(string CaseId, CaseKind Kind, CasePriority Priority, string Subject) : ICustomerEvent;
