namespace CrmPlatform.Grains.Customers;

/// <summary>An order as the customer state remembers it, to check cancellations.</summary>
public sealed record PlacedOrder(string OrderId, decimal Amount, string Currency, DateTimeOffset PlacedAt, bool Cancelled);
