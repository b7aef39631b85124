using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>The OpenAPI document states the responses that the handlers' typed results declare.</summary>
[Collection(ApiHostGroup.Name)]
public sealed class OpenApiDocumentTests(ApiHostFixture api)
{
    [Theory]
    [InlineData("/api/keys", "get", "200")]
    [InlineData("/api/keys", "post", "201,400")]
    [InlineData("/api/keys/{id}", "delete", "204,404")]
    [InlineData("/api/imports/{id}", "get", "200,404")]
    [InlineData("/api/imports/{id}/errors", "get", "200,404")]
    [InlineData("/api/customers/{id}", "get", "200,404")]
    [InlineData("/api/customers", "get", "200,400")]
    [InlineData("/api/customers/{id}/timeline", "get", "200,400,404")]
    public async Task Document_TypedHandlers_DeclareTheirResponses(string path, string method, string statuses)
    {
        var document = await (await api.Anonymous.GetRouteAsync("openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        foreach (var status in statuses.Split(','))
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not declare {status}: {responses}");
            if (status[0] == '4')
            {
                Assert.True(
                    response.GetProperty("content").TryGetProperty("application/problem+json", out _),
                    $"{method} {path} {status} is not a problem: {response}");
            }
        }
    }

    [Fact]
    public async Task Document_AnyRoute_DeclaresItsUnauthorizedProblem()
    {
        var document = await (await api.Anonymous.GetRouteAsync("openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var responses = document.GetProperty("paths").GetProperty("/api/keys").GetProperty("get").GetProperty("responses");

        Assert.Equal(JsonValueKind.Object, responses.GetProperty("401").ValueKind);
    }
}
