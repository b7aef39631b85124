using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>The customer placed an order.</summary>
/// <param name="OrderId">Identifies the order; unique per customer.</param>
/// <param name="Amount">The order total; not negative.</param>
/// <param name="Currency">ISO 4217 currency code, upper case.</param>
/// <param name="Lines">What was ordered.</param>
[CustomerEvent("crm.customer.order-placed", 1)]
public sealed record OrderPlaced(
    string OrderId,
    decimal Amount,
    string Currency,
    IReadOnlyList<OrderLine> Lines) : ICustomerEvent;
