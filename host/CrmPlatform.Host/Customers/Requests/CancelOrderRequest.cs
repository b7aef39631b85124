namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Cancels an order.</summary>
public sealed record CancelOrderRequest(string? Reason);
