using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Records an order: an amount, lines, or both (then they must agree).</summary>
public sealed record PlaceOrderRequest(string? OrderId, decimal? Amount, string? Currency, IReadOnlyList<OrderLine>? Lines, DateTimeOffset? PlacedAt)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => new PlaceOrder(OrderId, Amount, Currency, Lines, PlacedAt);
}
