using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

[Collection(ApiHostGroup.Name)]
public sealed class ApiKeyRevocationTests(ApiHostFixture api)
{
    [Fact]
    public async Task RevokeApiKey_LastActiveAdminKey_Returns409AndKeepsIt()
    {
        var admins = (await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()
            .Where(k => k.GetProperty("revokedAt").ValueKind == JsonValueKind.Null && k.GetProperty("role").GetString() is "admin" or "Admin")
            .Select(k => k.GetProperty("id").GetString()!)
            .ToArray();
        var only = Assert.Single(admins);

        var problem = await (await api.Admin.SendJsonAsync(HttpMethod.Delete, $"api/keys/{only}", null)).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("The last active admin key cannot be revoked.", problem.GetProperty("title").GetString());
        await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
    }
}
