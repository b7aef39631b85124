using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Grants or withdraws consent on the channel in the route; the source is the proof.</summary>
public sealed record SetConsentRequest(ConsentStatus? Status, string? Source);
