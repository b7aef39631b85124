using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>
/// A service case was opened, first event of the case's own stream (owned by the customer). The
/// customer's stream records the same case as <see cref="CaseOpened"/>, the relationship's summary.
/// </summary>
/// <param name="CaseId">Identifies the case; its stream id.</param>
/// <param name="Kind">Complaint, consultation, service request, technical support or product feedback.</param>
/// <param name="Priority">How urgent it is.</param>
/// <param name="Subject">A short subject line.</param>
/// <param name="Description">The details.</param>
/// <param name="Category">A free category, for reports.</param>
/// <param name="Tags">Labels on the case.</param>
/// <param name="Queue">The queue it was opened in.</param>
/// <param name="Owner">The agent who owns it.</param>
/// <param name="OpportunityId">A related opportunity.</param>
/// <param name="OrderId">A related order.</param>
/// <param name="ProductId">The product it is about.</param>
[CustomerEvent("crm.case.opened", 1)]
public sealed record ServiceCaseOpened(
    string CaseId,
    CaseKind Kind,
    CasePriority Priority,
    string Subject,
    string? Description,
    string? Category,
    IReadOnlyList<string> Tags,
    string? Queue,
    string? Owner,
    string? OpportunityId,
    string? OrderId,
    string? ProductId) : ICustomerEvent;
