namespace CrmPlatform.Host.Api.Customers.Requests;

/// <summary>Cancels an order.</summary>
public sealed record CancelOrderRequest(string? Reason);
