namespace CrmPlatform.Sdk.Events;

/// <summary>The person responsible for the customer changed.</summary>
/// <param name="Owner">The new owner, or null when the customer is unassigned.</param>
/// <param name="PreviousOwner">The owner before, if any.</param>
[CustomerEvent("crm.customer.owner-assigned", 1)]
public sealed record OwnerAssigned(string? Owner, string? PreviousOwner) : ICustomerEvent;
