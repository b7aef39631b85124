
namespace CrmPlatform.Host.Security;

/// <summary>A new API key's name and role.</summary>
public sealed record CreateApiKeyRequest(string? Name, ApiKeyRole? Role);
