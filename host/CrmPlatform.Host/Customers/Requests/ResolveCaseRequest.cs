namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Resolves an open case.</summary>
public sealed record ResolveCaseRequest(string? Resolution, int? Satisfaction);
