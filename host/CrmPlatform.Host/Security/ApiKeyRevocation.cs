namespace CrmPlatform.Host.Security;

/// <summary>How a request to revoke an API key ended.</summary>
public enum ApiKeyRevocation
{
    /// <summary>The key is revoked from now on.</summary>
    Revoked = 0,

    /// <summary>No active key has this id (it never existed or was already revoked).</summary>
    NotFound = 1,

    /// <summary>The key is the last active admin key: revoking it would leave nobody able to manage keys.</summary>
    LastAdmin = 2,
}
