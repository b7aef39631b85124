using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A service case was opened for the customer.</summary>
/// <param name="CaseId">Identifies the case; unique per customer.</param>
/// <param name="Kind">Complaint, consultation or service request.</param>
/// <param name="Priority">How urgent it is.</param>
/// <param name="Subject">A short subject line.</param>
/// <param name="Description">The details.</param>
[CustomerEvent("crm.customer.case-opened", 1)]
public sealed record CaseOpened(
    string CaseId,
    CaseKind Kind,
    CasePriority Priority,
    string Subject,
    string? Description) : ICustomerEvent;
