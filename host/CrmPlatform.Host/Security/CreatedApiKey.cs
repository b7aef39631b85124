namespace CrmPlatform.Host.Security;

/// <summary>A new API key with its secret, shown exactly once.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
