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
    public void Anonymous_EveryRouteOfThePlatform_IsExactlyHealthOpenApiTheChannelsPublicRoutesAndTheConsolesDoors()
    {
        var endpoints = api.Host.GetService<EndpointDataSource>();

        Assert.Equal(
            [
                "* /health/live",
                "* /health/ready",
                "GET /channels/{channel}/assets/{name}",
                "GET /channels/{channel}/live",
                "GET /openapi/{documentName}.json",
                "GET,POST /access-denied",
                "GET,POST /sign-in",
                "GET,POST /welcome",
                "POST /channels/{channel}/inbound",
                "POST /culture",
            ],
            EndpointDeclarations.Anonymous(endpoints));
    }

    [Fact]
    public void StaticAssets_OfTheConsole_AreOnlyItsOwnFilesBlazorsAndMudBlazors()
    {
        var endpoints = api.Host.GetService<EndpointDataSource>();

        var assets = EndpointDeclarations.StaticAssets(endpoints);

        Assert.NotEmpty(assets);
        Assert.All(assets, a => Assert.Matches(@"^GET,HEAD /(_framework/blazor\.|_content/MudBlazor/|console\.)", a));
        Assert.Contains(assets, a => a.StartsWith("GET,HEAD /console.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
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
