namespace CrmPlatform.Sdk.Events;

/// <summary>Tags were added to or removed from a customer.</summary>
/// <param name="Added">Tags that are new on the customer.</param>
/// <param name="Removed">Tags the customer no longer has.</param>
[CustomerEvent("crm.customer.tags-changed", 1)]
public sealed record TagsChanged(IReadOnlyList<string> Added, IReadOnlyList<string> Removed) : ICustomerEvent;
