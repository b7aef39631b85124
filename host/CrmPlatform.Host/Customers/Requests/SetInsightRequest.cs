namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Writes an analytics result onto the customer.</summary>
public sealed record SetInsightRequest(string? Name, double? Value, string? Label, string? Source);
