using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;

namespace CrmPlatform.Host.Tests.Security;

/// <summary>
/// Walks the routes of an application and names those that declare neither an authorization
/// requirement (a policy, roles, <c>[Authorize]</c>) nor <c>AllowAnonymous</c>: such a route relies
/// on the fallback policy by accident, and whoever wrote it did not decide who may call it.
/// </summary>
internal static class EndpointDeclarations
{
    /// <summary>The routes without a declaration, as <c>METHODS /pattern</c>.</summary>
    public static IReadOnlyList<string> Undeclared(EndpointDataSource endpoints) =>
        [.. Routes(endpoints).Where(e => !RequiresAuthorization(e) && !IsAnonymous(e)).Select(Describe).Order(StringComparer.Ordinal)];

    /// <summary>The routes anyone may call without a key or a sign-in, as <c>METHODS /pattern</c>, the console's static files aside.</summary>
    public static IReadOnlyList<string> Anonymous(EndpointDataSource endpoints) =>
        [.. Routes(endpoints).Where(e => IsAnonymous(e) && !IsStaticAsset(e)).Select(Describe).Order(StringComparer.Ordinal)];

    /// <summary>The static files (style sheets, scripts) that the build listed, as <c>METHODS /pattern</c>.</summary>
    public static IReadOnlyList<string> StaticAssets(EndpointDataSource endpoints) =>
        [.. Routes(endpoints).Where(IsStaticAsset).Select(Describe).Order(StringComparer.Ordinal)];

    /// <summary>True for a file from the build's static-asset manifest (every one of them public).</summary>
    private static bool IsStaticAsset(Endpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    private static IEnumerable<RouteEndpoint> Routes(EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Endpoints.OfType<RouteEndpoint>();
    }

    private static bool RequiresAuthorization(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null;

    private static bool IsAnonymous(Endpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        return $"{(methods.Count == 0 ? "*" : string.Join(',', methods))} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";
    }
}
