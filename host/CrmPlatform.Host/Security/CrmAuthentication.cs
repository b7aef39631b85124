using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Host.Security;

/// <summary>
/// Who is calling, by route: the API (and every route that does not say otherwise) knows only API
/// keys, so a caller without one gets 401 problem+json, never a sign-in page; the console's routes
/// (marked with <see cref="PeopleEndpoint"/>) know the people's sign-in cookie. A request that
/// presents a key is always judged by the key.
/// </summary>
public static class CrmAuthentication
{
    /// <summary>The default scheme: it forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> or <see cref="PeopleScheme"/>.</summary>
    public const string SchemeName = "Crm";

    /// <summary>The cookie scheme people sign in with (the one Identity's <c>SignInManager</c> writes).</summary>
    public static string PeopleScheme => IdentityConstants.ApplicationScheme;

    /// <summary>The scheme that authenticates <paramref name="http"/>.</summary>
    public static string Select(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            || http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        return http.GetEndpoint()?.Metadata.GetMetadata<PeopleEndpoint>() is not null ? PeopleScheme : ApiKeyAuthenticationHandler.SchemeName;
    }
}
