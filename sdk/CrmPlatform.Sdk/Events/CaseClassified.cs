using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A case's priority, category or tags changed; the members are the new values.</summary>
/// <param name="Priority">The priority now.</param>
/// <param name="Category">The category now.</param>
/// <param name="Tags">The tags now.</param>
[CustomerEvent("crm.case.classified", 1)]
public sealed record CaseClassified(CasePriority Priority, string? Category, IReadOnlyList<string> Tags) : ICustomerEvent;
