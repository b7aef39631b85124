using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

[Collection(ApiHostGroup.Name)]
public sealed class ApiTests(ApiHostFixture api)
{
    private HttpClient Agent => api.Agent;

    [Fact]
    public async Task CustomerRoutes_FullJourney_EveryRouteSucceeds()
    {
        var id = ApiHostFixture.NewId("journey");
        var registered = await Agent.PostJsonAsync("api/customers", Http.Json(new
        {
            id,
            kind = "person",
            firstName = "Ada",
            lastName = "Lovelace",
            emails = new[] { "ada@example.com" },
            phones = new[] { "+44 20 7946 0000" },
            attributes = new { industry = "Computing", employees = 12 },
            source = "web-form",
        }));
        var body = await registered.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/customers/{id}", registered.Headers.Location?.OriginalString);
        AssertCommand(body, id, "accepted", 1, 1);

        AssertCommand(await (await Agent.PatchJsonAsync($"api/customers/{id}", Http.Json(new { company = "Analytical Engines", attributes = new { newsletter = true } }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 2, 2);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/stage", Http.Json(new { to = "acquisition", reason = "First call went well" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 3, 3);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/interactions", Http.Json(new { interactionId = "call-1", channel = "phone", direction = "outbound", subject = "Intro", summary = "Talked about engines" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 4, 4);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 100.25m, currency = "EUR" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 5, 6);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-2", currency = "EUR", lines = new[] { new { sku = "gear", description = "A gear", quantity = 2, unitPrice = 10m } } }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 7, 7);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/orders/o-2/cancel", Http.Json(new { reason = "Changed mind" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 8, 8);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { caseId = "case-a", kind = "complaint", priority = "high", subject = "Late delivery", description = "Two weeks late" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 9, 9);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { kind = "consultation", subject = "Advice" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 10, 10);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/cases/case-a/resolve", Http.Json(new { resolution = "Refunded shipping", satisfaction = 4 }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 11, 11);
        AssertCommand(await (await Agent.PutJsonAsync($"api/customers/{id}/consent/email", Http.Json(new { status = "granted", source = "web form checkbox" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 12, 12);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "vip", "engines" }, remove = Array.Empty<string>() }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 13, 13);
        AssertCommand(await (await Agent.PutJsonAsync($"api/customers/{id}/owner", Http.Json(new { owner = "alice" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 14, 14);
        AssertCommand(await (await Agent.PostJsonAsync($"api/customers/{id}/insights", Http.Json(new { name = "value-tier", label = "Gold", source = "analytics" }))).ExpectAsync(HttpStatusCode.OK), id, "accepted", 15, 15);
        AssertCommand(await (await Agent.PutJsonAsync($"api/customers/{id}/owner", Http.Json(new { owner = "alice" }))).ExpectAsync(HttpStatusCode.OK), id, "unchanged", 15, 15);

        var customer = await api.GetCustomerAsync(id);
        Assert.Equal(id, customer.GetProperty("id").GetString());
        Assert.Equal(15, customer.GetProperty("version").GetInt64());
        Assert.Equal("person", customer.GetProperty("kind").GetString());
        Assert.Equal("Ada Lovelace", customer.GetProperty("displayName").GetString());
        Assert.Equal("Analytical Engines", customer.GetProperty("company").GetString());
        Assert.Equal(["ada@example.com"], customer.GetProperty("emails").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Computing", customer.GetProperty("attributes").GetProperty("industry").GetString());
        Assert.Equal(12, customer.GetProperty("attributes").GetProperty("employees").GetInt32());
        Assert.True(customer.GetProperty("attributes").GetProperty("newsletter").GetBoolean());
        Assert.Equal("growth", customer.GetProperty("stage").GetString());
        Assert.Equal(
            [("prospect", "acquisition", null), ("acquisition", "growth", "first-order")],
            customer.GetProperty("stageHistory").EnumerateArray().Select(s => (s.GetProperty("from").GetString(), s.GetProperty("to").GetString(), s.GetProperty("rule").GetString())));
        Assert.Equal(1, customer.GetProperty("orderCount").GetInt32());
        Assert.Equal(100.25m, customer.GetProperty("revenue").GetProperty("EUR").GetDecimal());
        Assert.Equal(1, customer.GetProperty("interactionCount").GetInt32());
        Assert.Equal(["case-10"], customer.GetProperty("openCases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()));
        Assert.Equal("granted", customer.GetProperty("consent").GetProperty("email").GetProperty("status").GetString());
        Assert.Equal(["engines", "vip"], customer.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("alice", customer.GetProperty("owner").GetString());
        Assert.Equal("Gold", customer.GetProperty("insights").GetProperty("value-tier").GetProperty("label").GetString());

        await api.WaitForReadModelAsync();
        var list = await (await Agent.GetRouteAsync($"api/customers?tag=engines&owner=alice&tier=Gold&stage=growth&q=LOVELACE")).ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(100.25m, item.GetProperty("revenue").GetDecimal());
        Assert.Equal("ada@example.com", item.GetProperty("primaryEmail").GetString());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextCursor").ValueKind);

        var timeline = await api.TimelineAsync(id, pageSize: 4);
        Assert.Equal(Enumerable.Range(1, 15).Reverse().Select(i => (long)i), timeline.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal("crm.customer.registered.v1", timeline[^1].GetProperty("type").GetString());
        Assert.Equal("Ada", timeline[^1].GetProperty("data").GetProperty("firstName").GetString());
        Assert.All(timeline, e => Assert.Equal($"api-key:{api.AgentKeyId}", e.GetProperty("actor").GetString()));
        var positions = timeline.Select(e => e.GetProperty("position").GetInt64()).ToArray();
        Assert.Equal(positions.OrderDescending(), positions);
    }

    [Fact]
    public async Task ListCustomers_CursorPagination_VisitsEveryMatchingCustomerOnce()
    {
        var tag = $"page{Guid.NewGuid():N}"[..20];
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var id = await api.RegisterAsync(ApiHostFixture.NewId($"page{i}"));
            await (await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { tag } }))).ExpectAsync(HttpStatusCode.OK);
            ids.Add(id);
        }

        await api.WaitForReadModelAsync();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await Agent.GetRouteAsync($"api/customers?tag={tag}&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task RegisterCustomer_RetriedWithIdempotencyKey_ReturnsSameBodyAndWritesOnce()
    {
        var key = $"register-{Guid.NewGuid():N}";
        var json = Http.Json(new { firstName = "Retry", lastName = "Person" });

        var first = await Agent.PostJsonAsync("api/customers", json, idempotencyKey: key);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var head = await api.HeadAsync();
        var second = await Agent.PostJsonAsync("api/customers", json, idempotencyKey: key);
        var secondBody = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal("", first.Header("Idempotent-Replayed"));
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(head, await api.HeadAsync());
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("customerId").GetString()!;
        Assert.StartsWith("c-", id, StringComparison.Ordinal);
        var timeline = await api.TimelineAsync(id);
        var only = Assert.Single(timeline);
        Assert.Equal(key, (await api.Log.ReadStreamBackwardAsync(id, long.MaxValue, 10, TestContext.Current.CancellationToken)).Single().IdempotencyKey);
        Assert.Equal(1, only.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task RegisterCustomer_SameIdempotencyKeyFromAnotherApiKey_RegistersAnotherCustomer()
    {
        var key = $"shared-{Guid.NewGuid():N}";
        var json = Http.Json(new { firstName = "Scoped", lastName = "Key" });

        var byAgent = await (await Agent.PostJsonAsync("api/customers", json, idempotencyKey: key)).ExpectAsync(HttpStatusCode.Created);
        var byAdmin = await (await api.Admin.PostJsonAsync("api/customers", json, idempotencyKey: key)).ExpectAsync(HttpStatusCode.Created);

        Assert.NotEqual(byAgent.GetProperty("customerId").GetString(), byAdmin.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task PlaceOrder_RetriedWithIdempotencyKey_ReplaysWithoutWritingTwice()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("idem-order"));
        var key = $"order-{Guid.NewGuid():N}";
        var json = Http.Json(new { orderId = "o-1", amount = 30m, currency = "EUR" });

        var first = await Agent.PostJsonAsync($"api/customers/{id}/orders", json, idempotencyKey: key);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var head = await api.HeadAsync();
        var retries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Agent.PostJsonAsync($"api/customers/{id}/orders", json, idempotencyKey: key)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        }

        Assert.Equal(head, await api.HeadAsync());
        var customer = await api.GetCustomerAsync(id);
        Assert.Equal(1, customer.GetProperty("orderCount").GetInt32());
        Assert.Equal(30m, customer.GetProperty("revenue").GetProperty("EUR").GetDecimal());
        Assert.Equal(3, (await api.TimelineAsync(id)).Count);
        var newOrder = await Agent.PostJsonAsync($"api/customers/{id}/orders", json, idempotencyKey: $"{key}-other");
        await newOrder.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PlaceOrder_ConcurrentRequestsOnOneCustomer_AllAppliedInAGapFreeStream()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("concurrent"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = $"o-{i}", amount = 10m, currency = "EUR" }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var customer = await api.GetCustomerAsync(id);
        Assert.Equal(20, customer.GetProperty("orderCount").GetInt32());
        Assert.Equal(200m, customer.GetProperty("revenue").GetProperty("EUR").GetDecimal());
        Assert.Equal("maturity", customer.GetProperty("stage").GetString());
        var version = customer.GetProperty("version").GetInt64();
        Assert.Equal(23, version);
        Assert.Equal(Enumerable.Range(1, 23).Reverse().Select(i => (long)i), (await api.TimelineAsync(id)).Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task RegisterCustomer_ConcurrentRegistrationsOfOneId_ExactlyOneSucceeds()
    {
        var id = ApiHostFixture.NewId("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Agent.PostJsonAsync("api/customers", Http.Json(new { id, firstName = $"Racer{i}" }))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(await api.TimelineAsync(id));
    }

    [Fact]
    public async Task Commands_InvalidFields_Return400NamingEachField()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("invalid"));
        var head = await api.HeadAsync();

        await (await Agent.PostJsonAsync("api/customers", Http.Json(new { id = ApiHostFixture.NewId("bad"), firstName = "A", emails = new[] { "not-an-email", "ok@example.com", "bad@" }, phones = new[] { "12" } })))
            .ExpectInvalidAsync("emails[0]", "emails[2]", "phones[0]");
        await (await Agent.PostJsonAsync("api/customers", Http.Json(new { id = ApiHostFixture.NewId("bad"), kind = "organisation", attributes = new { x = 1, employees = "many" } })))
            .ExpectInvalidAsync("organisationName", "attributes.x", "attributes.employees");
        await (await Agent.PostJsonAsync("api/customers", Http.Json(new { id = ApiHostFixture.NewId("bad") })))
            .ExpectInvalidAsync("lastName");
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = -5m, currency = "eur" })))
            .ExpectInvalidAsync("amount", "currency");
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 5m, currency = "EUR", lines = new[] { new { sku = "", quantity = 0, unitPrice = 1m } } })))
            .ExpectInvalidAsync("lines[0].sku", "lines[0].quantity");
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 5m, currency = "EUR", lines = new[] { new { sku = "a", quantity = 2, unitPrice = 1m } } })))
            .ExpectInvalidAsync("amount");
        await (await Agent.PostJsonAsync($"api/customers/{id}/stage", Http.Json(new { reason = "no target" })))
            .ExpectInvalidAsync("to");
        await (await Agent.PostJsonAsync($"api/customers/{id}/stage", Http.Json(new { to = "acquisition" })))
            .ExpectInvalidAsync("reason");
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { subject = "No kind" })))
            .ExpectInvalidAsync("kind");
        await (await Agent.PostJsonAsync($"api/customers/{id}/interactions", Http.Json(new { channel = "Not A Channel", direction = "inbound" })))
            .ExpectInvalidAsync("channel");
        await (await Agent.PutJsonAsync($"api/customers/{id}/consent/email", Http.Json(new { source = "form" })))
            .ExpectInvalidAsync("status");
        await (await Agent.PostJsonAsync($"api/customers/{id}/insights", Http.Json(new { name = "churn-risk" })))
            .ExpectInvalidAsync("source", "value");
        await (await Agent.PatchJsonAsync($"api/customers/{id}", Http.Json(new { attributes = new { birthDate = "31/12/1990" } })))
            .ExpectInvalidAsync("attributes.birthDate");
        await (await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "ok", " leading-space" } })))
            .ExpectInvalidAsync("add[1]");
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 5m, currency = "EUR" }), idempotencyKey: new string('k', 201)))
            .ExpectInvalidAsync("Idempotency-Key");

        Assert.Equal(head, await api.HeadAsync());
    }

    [Fact]
    public async Task Queries_InvalidParameters_Return400NamingEachParameter()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("query"));

        await (await Agent.GetRouteAsync("api/customers?stage=bogus")).ExpectInvalidAsync("stage");
        await (await Agent.GetRouteAsync("api/customers?stage=3")).ExpectInvalidAsync("stage");
        await (await Agent.GetRouteAsync("api/customers?limit=0")).ExpectInvalidAsync("limit");
        await (await Agent.GetRouteAsync("api/customers?limit=501&cursor=%21%21%21")).ExpectInvalidAsync("limit", "cursor");
        await (await Agent.GetRouteAsync($"api/customers?q={new string('q', 201)}")).ExpectInvalidAsync("q");
        await (await Agent.GetRouteAsync($"api/customers/{id}/timeline?limit=0")).ExpectInvalidAsync("limit");
        await (await Agent.GetRouteAsync($"api/customers/{id}/timeline?before=0")).ExpectInvalidAsync("before");
    }

    [Fact]
    public async Task ApiKeys_InvalidRequest_Returns400NamingEachField()
    {
        await (await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name = "", role = "agent" }))).ExpectInvalidAsync("name");
        await (await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name = "no role" }))).ExpectInvalidAsync("role");
        await (await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name = "x", role = "superuser" }))).ExpectInvalidAsync("role");
    }

    [Fact]
    public async Task Requests_WithoutValidKey_Return401()
    {
        using var badKey = api.Host.CreateClient("crm_000000000000_not-the-secret");
        using var garbage = api.Host.CreateClient("garbage");
        using var wrongSecret = api.Host.CreateClient(api.Host.AdminKey + "x");
        var head = await api.HeadAsync();

        await (await api.Anonymous.GetRouteAsync("api/customers")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous.PostJsonAsync("api/customers", Http.Json(new { firstName = "Anon" }))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await badKey.GetRouteAsync("api/customers")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await garbage.GetRouteAsync("api/customers")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await wrongSecret.GetRouteAsync("api/keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await badKey.PostJsonAsync("api/customers", Http.Json(new { firstName = "Bad" }))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous.GetRouteAsync("api/keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Anonymous.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await badKey.PostJsonAsync("api/read-model/parked/retry", "")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(head, await api.HeadAsync());
    }

    [Fact]
    public async Task Requests_WithBearerAuthorization_AreAuthenticated()
    {
        using var bearer = api.Host.CreateClient(null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Host.AdminKey);
        using var badBearer = api.Host.CreateClient(null);
        badBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "crm_000000000000_nope");

        await (await bearer.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        await (await badBearer.GetRouteAsync("api/keys")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_BeyondTheKeysRole_Return403()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("roles"));
        var head = await api.HeadAsync();

        await (await api.Reader.GetRouteAsync($"api/customers/{id}")).ExpectAsync(HttpStatusCode.OK);
        await (await api.Reader.GetRouteAsync($"api/customers/{id}/timeline")).ExpectAsync(HttpStatusCode.OK);
        await (await api.Reader.GetRouteAsync("api/customers")).ExpectAsync(HttpStatusCode.OK);
        await (await api.Reader.PostJsonAsync("api/customers", Http.Json(new { firstName = "Reader" }))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await api.Reader.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "x" } }))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await api.Reader.PatchJsonAsync($"api/customers/{id}", Http.Json(new { firstName = "Changed" }))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await api.Reader.GetRouteAsync("api/keys")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.GetRouteAsync("api/keys")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.PostJsonAsync("api/keys", Http.Json(new { name = "escalate", role = "admin" }))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.SendJsonAsync(HttpMethod.Delete, $"api/keys/{api.AgentKeyId}", null)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await api.Reader.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.PostJsonAsync("api/read-model/parked/retry", "")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await Agent.PostJsonAsync("api/read-model/parked/1/retry", "")).ExpectProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(head, await api.HeadAsync());
        var keys = (await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.DoesNotContain(keys, k => k.GetProperty("name").GetString() == "escalate");
        Assert.Contains(keys, k => k.GetProperty("id").GetString() == api.AgentKeyId && k.GetProperty("revokedAt").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Requests_ForUnknownCustomersOrRoutes_Return404()
    {
        var missing = ApiHostFixture.NewId("missing");
        var id = await api.RegisterAsync(ApiHostFixture.NewId("known"));
        var head = await api.HeadAsync();

        await (await Agent.GetRouteAsync($"api/customers/{missing}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.GetRouteAsync($"api/customers/{missing}/timeline")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.GetRouteAsync("api/customers/not%20an%20id")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.PatchJsonAsync($"api/customers/{missing}", Http.Json(new { firstName = "Ghost" }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.PostJsonAsync($"api/customers/{missing}/orders", Http.Json(new { orderId = "o-1", amount = 1m, currency = "EUR" }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders/nope/cancel", Http.Json(new { }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases/nope/resolve", Http.Json(new { resolution = "x" }))).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await api.Admin.SendJsonAsync(HttpMethod.Delete, "api/keys/000000000000", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.GetRouteAsync("api/nothing-here")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.GetRouteAsync($"api/customers/{id}/nothing-here")).ExpectProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(head, await api.HeadAsync());
        await (await Agent.GetRouteAsync($"api/customers/{missing}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Commands_ConflictingWithState_Return409()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("conflict"));
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 1m, currency = "EUR" }))).ExpectAsync(HttpStatusCode.OK);
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders/o-1/cancel", Http.Json(new { }))).ExpectAsync(HttpStatusCode.OK);
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { caseId = "c-1", kind = "complaint", subject = "x" }))).ExpectAsync(HttpStatusCode.OK);
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases/c-1/resolve", Http.Json(new { resolution = "done" }))).ExpectAsync(HttpStatusCode.OK);
        var head = await api.HeadAsync();

        var forbidden = await (await Agent.PostJsonAsync($"api/customers/{id}/stage", Http.Json(new { to = "prospect", reason = "back to start" }))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Agent.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Twice" }))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 1m, currency = "EUR" }))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Agent.PostJsonAsync($"api/customers/{id}/orders/o-1/cancel", Http.Json(new { }))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { caseId = "c-1", kind = "complaint", subject = "x" }))).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await Agent.PostJsonAsync($"api/customers/{id}/cases/c-1/resolve", Http.Json(new { resolution = "again" }))).ExpectProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("A customer in growth cannot move to prospect", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(head, await api.HeadAsync());
        Assert.Equal("growth", (await api.GetCustomerAsync(id)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Commands_OversizeBody_Return413()
    {
        var head = await api.HeadAsync();
        var json = Http.Json(new { id = ApiHostFixture.NewId("big"), firstName = new string('a', 1_100_000) });

        await (await Agent.SendOversizeAsync(HttpMethod.Post, "api/customers", json)).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(head, await api.HeadAsync());
    }

    [Fact]
    public async Task Commands_TextPlainBody_Return415()
    {
        var id = ApiHostFixture.NewId("plain");

        await (await Agent.SendJsonAsync(HttpMethod.Post, "api/customers", Http.Json(new { id, firstName = "Plain" }), contentType: "text/plain")).ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType);

        await (await Agent.GetRouteAsync($"api/customers/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiKeys_CreateUseRevoke_RevokedKeyGets401()
    {
        var created = await api.Admin.PostJsonAsync("api/keys", Http.Json(new { name = "ci pipeline", role = "agent" }));
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        var keyId = body.GetProperty("info").GetProperty("id").GetString()!;
        var secret = body.GetProperty("key").GetString()!;
        Assert.Equal($"/api/keys/{keyId}", created.Headers.Location?.OriginalString);
        Assert.Equal("agent", body.GetProperty("info").GetProperty("role").GetString());
        Assert.StartsWith($"crm_{keyId}_", secret, StringComparison.Ordinal);

        using var client = api.Host.CreateClient(secret);
        var id = await api.RegisterAsync(ApiHostFixture.NewId("by-new-key"), client: client);
        var listed = await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK);
        var info = Assert.Single(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal("ci pipeline", info.GetProperty("name").GetString());
        Assert.False(info.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret.Split('_', 3)[2], listed.GetRawText(), StringComparison.Ordinal);

        await (await api.Admin.SendJsonAsync(HttpMethod.Delete, $"api/keys/{keyId}", null)).ExpectAsync(HttpStatusCode.NoContent);

        await (await client.GetRouteAsync($"api/customers/{id}")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostJsonAsync("api/customers", Http.Json(new { firstName = "Revoked" }))).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await api.Admin.SendJsonAsync(HttpMethod.Delete, $"api/keys/{keyId}", null)).ExpectProblemAsync(HttpStatusCode.NotFound);
        var revoked = (await (await api.Admin.GetRouteAsync("api/keys")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheCustomerRoutes()
    {
        var document = await (await api.Anonymous.GetRouteAsync("openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/customers", "post"), ("/api/customers", "get"), ("/api/customers/{id}", "get"), ("/api/customers/{id}", "patch"),
            ("/api/customers/{id}/stage", "post"), ("/api/customers/{id}/interactions", "post"), ("/api/customers/{id}/orders", "post"),
            ("/api/customers/{id}/orders/{orderId}/cancel", "post"), ("/api/customers/{id}/cases", "post"),
            ("/api/customers/{id}/cases/{caseId}/resolve", "post"), ("/api/customers/{id}/consent/{channel}", "put"),
            ("/api/customers/{id}/tags", "post"), ("/api/customers/{id}/owner", "put"), ("/api/customers/{id}/insights", "post"),
            ("/api/customers/{id}/timeline", "get"), ("/api/keys", "get"), ("/api/keys", "post"), ("/api/keys/{id}", "delete"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} is missing");
        }
    }

    [Fact]
    public async Task Health_LiveAndReady_Return200WithoutKey()
    {
        await api.AssertHealthyAsync();
    }

    [Fact]
    public async Task CorrelationId_GivenByCaller_IsEchoedAndStoredOnEvents()
    {
        var id = ApiHostFixture.NewId("corr");
        var correlation = $"corr-{Guid.NewGuid():N}";

        var response = await Agent.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Corr" }), correlationId: correlation);
        var ordered = await Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = "o-1", amount = 1m, currency = "EUR" }), correlationId: correlation);
        var unsafeGiven = await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "x" } }), correlationId: "not safe!<script>");

        await response.ExpectAsync(HttpStatusCode.Created);
        await ordered.ExpectAsync(HttpStatusCode.OK);
        await unsafeGiven.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(correlation, response.Header("X-Correlation-Id"));
        var replaced = unsafeGiven.Header("X-Correlation-Id");
        Assert.NotEqual("not safe!<script>", replaced);
        Assert.False(string.IsNullOrEmpty(replaced));
        var timeline = await api.TimelineAsync(id);
        Assert.Equal([replaced, correlation, correlation, correlation], timeline.Select(e => e.GetProperty("correlationId").GetString()));
        var generated = await api.Anonymous.GetRouteAsync("health/live");
        Assert.False(string.IsNullOrEmpty(generated.Header("X-Correlation-Id")));
    }

    private static void AssertCommand(JsonElement body, string id, string status, long first, long last)
    {
        Assert.Equal(id, body.GetProperty("customerId").GetString());
        Assert.Equal(status, body.GetProperty("status").GetString());
        Assert.Equal(first, body.GetProperty("firstSequence").GetInt64());
        Assert.Equal(last, body.GetProperty("lastSequence").GetInt64());
    }
}
