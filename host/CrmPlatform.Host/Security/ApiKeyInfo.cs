namespace CrmPlatform.Host.Security;

/// <summary>An API key as the API shows it: never its secret nor its hash.</summary>
public sealed record ApiKeyInfo(string Id, string Name, ApiKeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
