namespace CrmPlatform.Grains.Customers;

/// <summary>An idempotency key a customer grain has handled, with the sequences its command wrote.</summary>
public sealed record HandledIdempotencyKey(string Key, long First, long Last);
