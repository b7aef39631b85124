namespace CrmPlatform.Sdk.Events;

/// <summary>An order the customer placed was cancelled.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">The amount taken back out of the customer's revenue.</param>
/// <param name="Currency">The order's currency.</param>
/// <param name="Reason">Why, in words.</param>
[CustomerEvent("crm.customer.order-cancelled", 1)]
public sealed record OrderCancelled(string OrderId, decimal Amount, string Currency, string? Reason) : ICustomerEvent;
