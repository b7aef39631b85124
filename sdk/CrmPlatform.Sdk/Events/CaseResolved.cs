using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A service case was resolved.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">The case's kind, repeated so subscribers need no lookup.</param>
/// <param name="Resolution">How it was resolved.</param>
/// <param name="Satisfaction">The customer's satisfaction from 1 to 5, when asked.</param>
[CustomerEvent("crm.customer.case-resolved", 1)]
public sealed record CaseResolved(string CaseId, CaseKind Kind, string Resolution, int? Satisfaction) : ICustomerEvent;
