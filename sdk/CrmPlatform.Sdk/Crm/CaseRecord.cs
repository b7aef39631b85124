using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Crm;

/// <summary>A service case to open.</summary>
/// <param name="Kind">Complaint, consultation or service request.</param>
/// <param name="Priority">How urgent it is.</param>
/// <param name="Subject">A short subject line.</param>
/// <param name="Description">The details.</param>
public sealed record CaseRecord(CaseKind Kind, CasePriority Priority, string Subject, string? Description);
