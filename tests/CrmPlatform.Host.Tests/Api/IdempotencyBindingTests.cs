using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>An Idempotency-Key is bound to its caller, command, customer and body: reusing it for another request is refused.</summary>
[Collection(ApiHostGroup.Name)]
public sealed class IdempotencyBindingTests(ApiHostFixture api)
{
    private HttpClient Agent => api.Agent;

    [Fact]
    public async Task CreateApiKey_RetriedWithTheSameKey_MakesOneKeyAndAnswersItWithoutTheSecret()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var name = $"retried {Guid.NewGuid():N}";
        var first = await (await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name, role = "reader" }), idempotencyKey: key)).ExpectAsync(HttpStatusCode.Created);

        var retry = await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name, role = "reader" }), idempotencyKey: key);

        var replayed = await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(first.GetProperty("info").GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.False(replayed.TryGetProperty("key", out _), "A replay must not show a secret.");
        var keys = await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task CreateApiKey_SameKeyWithAnotherRole_Returns422AndMakesNoKey()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var name = $"bound {Guid.NewGuid():N}";
        await (await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name, role = "reader" }), idempotencyKey: key)).ExpectAsync(HttpStatusCode.Created);

        var reused = await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name, role = "agent" }), idempotencyKey: key);

        var problem = await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        var keys = await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task PlaceOrder_SameKeyWithDifferentBody_Returns422NamingIdempotencyKeyAndWritesNothing()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("idem-body"));
        var key = $"order-{Guid.NewGuid():N}";
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 30m, currency = "EUR" }), idempotencyKey: key))
            .ExpectAsync(HttpStatusCode.OK);
        var head = await api.HeadAsync();

        var reused = await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-2", amount = 99m, currency = "EUR" }), idempotencyKey: key);

        var problem = await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The Idempotency-Key was already used for a different request.", problem.GetProperty("title").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal("", reused.Header("Idempotent-Replayed"));
        Assert.Equal(head, await api.HeadAsync());
        Assert.Equal(1, (await api.GetCustomerAsync(id)).GetProperty("orderCount").GetInt32());
    }

    [Fact]
    public async Task ChangeTags_KeyFirstUsedOnAnotherRoute_Returns422()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("idem-route"));
        var key = $"route-{Guid.NewGuid():N}";
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 30m, currency = "EUR" }), idempotencyKey: key))
            .ExpectAsync(HttpStatusCode.OK);

        var reused = await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "vip" } }), idempotencyKey: key);

        await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await api.GetCustomerAsync(id)).GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task RegisterCustomer_SameKeyWithDifferentBody_Returns422()
    {
        var key = $"register-{Guid.NewGuid():N}";
        await (await Agent.PostJsonAsync("api/customers", Http.Json(new { firstName = "First", lastName = "Body" }), idempotencyKey: key))
            .ExpectAsync(HttpStatusCode.Created);

        var reused = await Agent.PostJsonAsync("api/customers", Http.Json(new { firstName = "Other", lastName = "Body" }), idempotencyKey: key);

        await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ChangeTags_SameKeyOnAnotherCustomer_RunsTheCommand()
    {
        var first = await api.RegisterAsync(ApiHostFixture.NewId("idem-cust-a"));
        var second = await api.RegisterAsync(ApiHostFixture.NewId("idem-cust-b"));
        var key = $"customer-{Guid.NewGuid():N}";
        var json = Http.Json(new { add = new[] { "vip" } });
        await (await Agent.PostJsonAsync($"api/customers/{first}/tags", json, idempotencyKey: key)).ExpectAsync(HttpStatusCode.OK);

        var other = await Agent.PostJsonAsync($"api/customers/{second}/tags", json, idempotencyKey: key);

        await other.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("", other.Header("Idempotent-Replayed"));
        Assert.Equal(["vip"], (await api.GetCustomerAsync(second)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
