namespace CrmPlatform.Host.Security;

/// <summary>An API key as a store keeps it: what the API shows, plus the hash of its secret.</summary>
public sealed record StoredApiKey(ApiKeyInfo Info, string SecretHash);
