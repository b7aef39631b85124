using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Service;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Service;

[Collection(ApiHostGroup.Name)]
public sealed class ServiceApiTests(ApiHostFixture api)
{
    private static string OpenBody(string customerId, string? queue = null, string priority = "normal") =>
        Http.Json(new { customerId, kind = "technicalSupport", priority, subject = "Router drops", description = "Every hour.", tags = new[] { "router" }, queue });

    private async Task WaitForCasesAsync()
    {
        var head = await api.HeadAsync();
        await api.Host.GetService<CaseProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Cases_OpenWorkResolveAndList_AreServedFromGrainAndTable_AndTheCustomerSummaryFollows()
    {
        var customer = await api.RegisterAsync(ApiHostFixture.NewId("svc"));
        var opened = await (await api.Agent.PostJsonAsync("api/cases", OpenBody(customer), idempotencyKey: ApiHostFixture.NewId("k"))).ExpectAsync(HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetString()!;

        await (await api.Agent.PostJsonAsync($"api/cases/{id}/status", Http.Json(new { to = "open" }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Agent.PostJsonAsync($"api/cases/{id}/notes", Http.Json(new { text = "We are on it.", @internal = false }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Agent.PatchJsonAsync($"api/cases/{id}", Http.Json(new { priority = "high", category = "network" }))).ExpectAsync(HttpStatusCode.OK);
        var summary = await api.GetCustomerAsync(customer);
        var closedTooSoon = await api.Agent.PostJsonAsync($"api/cases/{id}/status", Http.Json(new { to = "closed" }));
        await (await api.Agent.PostJsonAsync($"api/cases/{id}/status", Http.Json(new { to = "resolved", reason = "Firmware updated." }))).ExpectAsync(HttpStatusCode.OK);
        var view = await (await api.Reader.GetRouteAsync($"api/cases/{id}")).ExpectAsync(HttpStatusCode.OK);
        await WaitForCasesAsync();
        var page = await (await api.Reader.GetRouteAsync($"api/cases?customerId={customer}&status=resolved")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, closedTooSoon.StatusCode);
        Assert.Contains(summary.GetProperty("openCases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == id);
        Assert.DoesNotContain((await api.GetCustomerAsync(customer)).GetProperty("openCases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == id);
        Assert.Equal("resolved", view.GetProperty("status").GetString());
        Assert.Equal("high", view.GetProperty("priority").GetString());
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("firstRespondedAt").ValueKind);
        Assert.Equal(5, view.GetProperty("history").GetArrayLength());
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal("network", row.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Cases_OpenedInAQueueWithAPolicy_AreAssignedAndGetDeadlines()
    {
        var queue = ApiHostFixture.NewId("q");
        var calendar = ApiHostFixture.NewId("cal");
        var policy = ApiHostFixture.NewId("sla");
        await (await api.Admin.PutJsonAsync($"api/cases/queues/{queue}", Http.Json(new { name = "Support", members = new[] { "ann", "bob" }, strategy = "leastLoaded", maxActivePerAgent = 1 }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Admin.PutJsonAsync($"api/cases/calendars/{calendar}", Http.Json(new
        {
            timeZone = "Europe/Berlin",
            hours = new[] { new { day = "monday", start = "09:00", end = "17:00" }, new { day = "tuesday", start = "09:00", end = "17:00" } },
            holidays = new[] { "2031-12-25" },
        }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Admin.PutJsonAsync($"api/cases/sla-policies/{policy}", Http.Json(new { calendarId = calendar, priorities = new[] { "urgent" }, firstResponseMinutes = 60, resolutionMinutes = 960 }))).ExpectAsync(HttpStatusCode.OK);
        var customer = await api.RegisterAsync(ApiHostFixture.NewId("svc"));

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var opened = await (await api.Agent.PostJsonAsync("api/cases", OpenBody(customer, queue, "urgent"))).ExpectAsync(HttpStatusCode.Created);
            ids.Add(opened.GetProperty("id").GetString()!);
        }

        var views = new List<JsonElement>();
        foreach (var id in ids)
        {
            views.Add(await (await api.Reader.GetRouteAsync($"api/cases/{id}")).ExpectAsync(HttpStatusCode.OK));
        }

        Assert.Equal(["ann", "bob", null], views.Select(v => v.TryGetProperty("owner", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null));
        Assert.All(views, v => Assert.Equal(policy, v.GetProperty("slaPolicyId").GetString()));
        Assert.All(views, v => Assert.Equal(2, v.GetProperty("sla").GetArrayLength()));
        var queues = await (await api.Reader.GetRouteAsync("api/cases/queues")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(queues.EnumerateArray(), q => q.GetProperty("id").GetString() == queue);
    }

    [Fact]
    public async Task Routes_ConfigurationNeedsAdmin_WritesNeedWrite()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Agent.PutJsonAsync("api/cases/queues/q-x", """{"members": ["ann"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Reader.PostJsonAsync("api/cases", """{"kind": "complaint"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetRouteAsync("api/cases")).StatusCode);
    }
}
