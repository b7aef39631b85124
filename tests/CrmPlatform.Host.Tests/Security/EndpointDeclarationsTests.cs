using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Host.Tests.Security;

/// <summary>Secure by default: every route says who may call it, and one that forgets still needs a key.</summary>
[Collection(ApiHostGroup.Name)]
public sealed class EndpointDeclarationsTests(ApiHostFixture api)
{
    [Fact]
    public void Undeclared_EveryRouteOfThePlatform_IsEmpty()
    {
        var endpoints = api.Host.GetService<EndpointDataSource>();

        Assert.NotEmpty(endpoints.Endpoints);
        Assert.Empty(EndpointDeclarations.Undeclared(endpoints));
    }

    [Fact]
    public void Anonymous_EveryRouteOfThePlatform_IsExactlyHealthOpenApiAndTheChannelsPublicRoutes()
    {
        var endpoints = api.Host.GetService<EndpointDataSource>();

        Assert.Equal(
            [
                "* /health/live",
                "* /health/ready",
                "GET /channels/{channel}/assets/{name}",
                "GET /channels/{channel}/live",
                "GET /openapi/{documentName}.json",
                "POST /channels/{channel}/inbound",
            ],
            EndpointDeclarations.Anonymous(endpoints));
    }

    [Fact]
    public async Task Undeclared_RouteWithoutADeclaration_IsReportedAndNeedsAKey()
    {
        await using var host = await CrmTestHost.StartAsync(map: app => app.MapGet("/forgotten", () => "secret"));

        var undeclared = EndpointDeclarations.Undeclared(host.GetService<EndpointDataSource>());
        var anonymous = await host.Anonymous.GetAsync(new Uri("forgotten", UriKind.Relative), TestContext.Current.CancellationToken);
        var withKey = await host.Admin.GetAsync(new Uri("forgotten", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(["GET /forgotten"], undeclared);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal("secret", await withKey.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
