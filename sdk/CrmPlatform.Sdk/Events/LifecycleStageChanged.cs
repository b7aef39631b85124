using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>A customer moved from one lifecycle stage to another.</summary>
/// <param name="From">The stage before.</param>
/// <param name="To">The stage after.</param>
/// <param name="Reason">Why, in words; every change has one.</param>
/// <param name="Rule">The automatic rule that made the change, or null when a person or plugin did.</param>
[CustomerEvent("crm.customer.stage-changed", 1)]
public sealed record LifecycleStageChanged(
    LifecycleStage From,
    LifecycleStage To,
    string Reason,
    string? Rule) : ICustomerEvent;
