namespace CrmPlatform.Host.Security;

/// <summary>
/// What an idempotent key creation did: made a key (<see cref="Created"/>, with its secret), or found
/// the key an earlier request with the same Idempotency-Key made (<see cref="Earlier"/>, without its
/// secret); <see cref="SameRequest"/> is false when that earlier request asked for another name or role.
/// </summary>
public sealed record ApiKeyCreation(CreatedApiKey? Created, ApiKeyInfo? Earlier, bool SameRequest);
