using Microsoft.AspNetCore.Authorization;

namespace CrmPlatform.Host.Security;

/// <summary>The authorization policies of the API, one per role, and the fallback every route gets.</summary>
public static class CrmPolicies
{
    /// <summary>Any valid key.</summary>
    public const string Read = "crm.read";

    /// <summary>Agent or admin keys.</summary>
    public const string Write = "crm.write";

    /// <summary>Admin keys.</summary>
    public const string Admin = "crm.admin";

    /// <summary>
    /// The fallback policy: a route that declares neither a policy nor <c>AllowAnonymous</c> still
    /// needs a valid key, so forgetting <c>RequireAuthorization</c> cannot make a route public.
    /// </summary>
    public static AuthorizationPolicy AuthenticatedCaller { get; } = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
}
