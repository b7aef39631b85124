namespace CrmPlatform.Grains.Customers;

/// <summary>An idempotency key a customer grain has handled, with the sequences its command wrote.</summary>
/// <param name="Key">The key.</param>
/// <param name="First">The first sequence the command wrote.</param>
/// <param name="Last">The last sequence the command wrote.</param>
/// <param name="Fingerprint">
/// What the key is bound to (see <see cref="IdempotencyFingerprint"/>); null for keys handled before
/// keys were bound, which are treated as matching any request.
/// </param>
public sealed record HandledIdempotencyKey(string Key, long First, long Last, string? Fingerprint = null);
