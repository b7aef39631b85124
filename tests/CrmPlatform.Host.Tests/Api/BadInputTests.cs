using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>Hostile and sloppy input: each is refused with the documented status, writes nothing and leaves the platform up.</summary>
[Collection(ApiHostGroup.Name)]
public sealed partial class BadInputTests(ApiHostFixture api)
{
    private const string SqlDrop = "'; DROP TABLE events; --";
    private const string SqlOr = "\" OR 1=1 --";
    private const string Script = "<script>alert(1)</script>";

    private HttpClient Agent => api.Agent;

    private ApiHostFixture Api => api;

    public static TheoryData<string, string> MalformedRegistrations => new()
    {
        { """{"firstName": "A",""", "body" },
        { """{"firstName": "A"} trailing""", "body" },
        { """{"firstName": 'A'}""", "firstName" },
        { "[]", "body" },
        { "\"just a string\"", "body" },
        { """{"firstName": 42}""", "firstName" },
        { """{"firstName": true}""", "firstName" },
        { """{"firstName": "A", "kind": 1}""", "kind" },
        { """{"firstName": "A", "kind": "robot"}""", "kind" },
        { """{"firstName": "A", "emails": "a@example.com"}""", "emails" },
        { """{"firstName": "A", "emails": {"a": 1}}""", "emails" },
        { """{"firstName": "A", "emails": [1]}""", "emails[0]" },
        { """{"firstName": "A", "attributes": [1, 2]}""", "attributes" },
        { """{"firstName": "A", "favouriteColour": "blue"}""", "favouriteColour" },
        { """{"firstName": "A", "firstName": "B"}""", "firstName" },
        { """{"firstName": "A", "emails": ["a@example.com", null]}""", "emails[1]" },
        { """{"firstName": "A", "phones": [null]}""", "phones[0]" },
        { """{"firstName": "A\u0000B"}""", "firstName" },
        { """{"firstName": "\ud800"}""", "firstName" },
        { """{"firstName": "", "lastName": "   "}""", "firstName" },
    };

    [Theory]
    [MemberData(nameof(MalformedRegistrations))]
    public async Task RegisterCustomer_MalformedOrIllTypedJson_Returns400AndWritesNothing(string json, string field)
    {
        var id = ApiHostFixture.NewId("bad");
        var withId = json.StartsWith('{') ? $$"""{"id": "{{id}}", {{json[1..]}}""" : json;

        var errors = await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", withId), HttpStatusCode.BadRequest);

        Assert.True(errors.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {errors}");
        await (await Agent.GetRouteAsync($"api/customers/{id}")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> JsonErrorMessages => new()
    {
        { """{"firstName": "A",""", "body", "Is not valid JSON." },
        { """{"firstName": "A", "favouriteColour": "blue"}""", "favouriteColour", "Not a known field." },
        { """{"firstName": 42}""", "firstName", "Has the wrong type or an unknown value." },
        { """{"firstName": "A", "kind": "robot"}""", "kind", "Has the wrong type or an unknown value." },
        { """{"firstName": "A", "firstName": "B"}""", "firstName", "Appears more than once." },
    };

    [Theory]
    [MemberData(nameof(JsonErrorMessages))]
    public async Task RegisterCustomer_JsonErrors_NameTheFieldAndTheKindOfError(string json, string field, string message)
    {
        var errors = await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", json), HttpStatusCode.BadRequest);

        Assert.Equal([message], errors.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    public static TheoryData<string, string, string> IllTypedCommands => new()
    {
        { "orders", """{"orderId": "o-1", "amount": "100", "currency": "EUR"}""", "amount" },
        { "orders", """{"orderId": "o-1", "amount": 1e400, "currency": "EUR"}""", "amount" },
        { "orders", """{"orderId": 7, "amount": 1, "currency": "EUR"}""", "orderId" },
        { "orders", """{"orderId": "o-1", "amount": 1, "currency": "EUR", "lines": [null]}""", "lines[0]" },
        { "orders", """{"orderId": "o-1", "amount": 1, "currency": "EUR", "lines": {"sku": "a"}}""", "lines" },
        { "orders", """{"orderId": "o-1", "currency": "EUR", "lines": [{"sku": "a", "quantity": "2", "unitPrice": 1}]}""", "lines[0].quantity" },
        { "orders", """{"amount": 1, "currency": "EUR"}""", "orderId" },
        { "orders", """{"orderId": "o-1", "amount": 1, "currency": "EUR", "placedAt": "yesterday"}""", "placedAt" },
        { "stage", """{"to": ["growth"], "reason": "x"}""", "to" },
        { "stage", """{"to": "growth", "reason": 5}""", "reason" },
        { "tags", """{"add": [null]}""", "add[0]" },
        { "tags", """{"add": "vip"}""", "add" },
        { "tags", """{"add": ["vip"], "remove": ["vip"], "extra": true}""", "extra" },
        { "cases", """{"kind": "complaint"}""", "subject" },
        { "cases", """{"kind": "complaint", "subject": "x", "priority": "panic"}""", "priority" },
        { "interactions", """{"channel": "email"}""", "direction" },
        { "insights", """{"name": "churn-risk", "value": "high", "source": "x"}""", "value" },
    };

    [Theory]
    [MemberData(nameof(IllTypedCommands))]
    public async Task Commands_IllTypedOrMissingFields_Return400AndWriteNothing(string route, string json, string field)
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("typed"));

        var problem = await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/{route}", json), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {problem}");
        Assert.Equal(1, (await api.GetCustomerAsync(id)).GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task Commands_EmptyOrNullBody_Return400(string json)
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("empty"));

        await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", json), HttpStatusCode.BadRequest);
        await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/orders", json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Commands_InvalidUtf8_Return400()
    {
        var id = ApiHostFixture.NewId("utf8");
        var bytes = Encoding.UTF8.GetBytes($$"""{"id": "{{id}}", "firstName": "A?"}""");
        bytes[Array.LastIndexOf(bytes, (byte)'?')] = 0xFF;

        await AssertRefusedAsync(
            () =>
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new("application/json");
                return Agent.PostAsync(new Uri("api/customers", UriKind.Relative), content, TestContext.Current.CancellationToken);
            },
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Commands_OversizeBodies_Return413()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("oversize"));
        var huge = new string('x', 2 * 1024 * 1024);

        await AssertRefusedAsync(() => Agent.SendOversizeAsync(HttpMethod.Post, "api/customers", Http.Json(new { firstName = huge })), HttpStatusCode.RequestEntityTooLarge);
        await AssertRefusedAsync(() => Agent.SendOversizeAsync(HttpMethod.Patch, $"api/customers/{id}", Http.Json(new { firstName = huge })), HttpStatusCode.RequestEntityTooLarge);
        await AssertRefusedAsync(() => Agent.SendOversizeAsync(HttpMethod.Post, $"api/customers/{id}/tags", Http.Json(new { add = Enumerable.Repeat("tag", 300_000) })), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1, (await api.GetCustomerAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Commands_WrongContentType_Return415()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("ctype"));

        await AssertRefusedAsync(() => Agent.SendJsonAsync(HttpMethod.Post, "api/customers", Http.Json(new { firstName = "A" }), contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(() => Agent.SendJsonAsync(HttpMethod.Post, $"api/customers/{id}/tags", Http.Json(new { add = new[] { "a" } }), contentType: "application/xml"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(() => Agent.SendJsonAsync(HttpMethod.Post, $"api/customers/{id}/tags", "add=a", contentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Commands_OnUnknownCustomers_Return404AndRegisterNobody()
    {
        var missing = ApiHostFixture.NewId("ghost");

        await AssertRefusedAsync(() => Agent.PatchJsonAsync($"api/customers/{missing}", Http.Json(new { firstName = "Ghost" })), HttpStatusCode.NotFound);
        await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{missing}/stage", Http.Json(new { to = "growth", reason = "x" })), HttpStatusCode.NotFound);
        await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{missing}/tags", Http.Json(new { add = new[] { "x" } })), HttpStatusCode.NotFound);
        await AssertRefusedAsync(() => Agent.PutJsonAsync($"api/customers/{missing}/owner", Http.Json(new { owner = "alice" })), HttpStatusCode.NotFound);
        await AssertRefusedAsync(() => Agent.PutJsonAsync($"api/customers/{missing}/consent/email", Http.Json(new { status = "granted", source = "x" })), HttpStatusCode.NotFound);
        await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{missing}/insights", Http.Json(new { name = "value-tier", label = "Gold", source = "x" })), HttpStatusCode.NotFound);

        await (await Agent.GetRouteAsync($"api/customers/{missing}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await Agent.GetRouteAsync($"api/customers/{missing}/timeline")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(SqlDrop, SqlOr)]
    [InlineData(Script, "Robert'); DROP TABLE customers;--")]
    [InlineData("Zoë", "Ångström")]
    [InlineData("李", "小龍")]
    [InlineData("😀🎉", "Emoji 👩‍💻")]
    [InlineData("مرحبا", "שלום עולם")]
    [InlineData("Ａｌｉｃｅ", "Ñúñez-Ørsted")]
    public async Task RegisterCustomer_InjectionAndUnicodeNames_AreStoredVerbatim(string firstName, string lastName)
    {
        var id = ApiHostFixture.NewId("names");
        var company = $"{lastName} & Co <b>";

        var response = await Agent.PostJsonAsync("api/customers", Http.Json(new { id, firstName, lastName, company }));

        await response.ExpectAsync(HttpStatusCode.Created);
        var customer = await api.GetCustomerAsync(id);
        Assert.Equal(firstName, customer.GetProperty("firstName").GetString());
        Assert.Equal(lastName, customer.GetProperty("lastName").GetString());
        Assert.Equal($"{firstName} {lastName}", customer.GetProperty("displayName").GetString());
        Assert.Equal(company, customer.GetProperty("company").GetString());
        var registered = Assert.Single(await api.TimelineAsync(id)).GetProperty("data");
        Assert.Equal(firstName, registered.GetProperty("firstName").GetString());

        await api.WaitForReadModelAsync();
        var found = await (await Agent.GetRouteAsync($"api/customers?q={Uri.EscapeDataString(lastName.ToUpperInvariant())}&limit=500")).ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        Assert.Equal($"{firstName} {lastName}", item.GetProperty("displayName").GetString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await api.AssertHealthyAsync();
        Assert.True(await api.HeadAsync() > 0);
    }

    [Fact]
    public async Task Commands_InjectionStringsAsTagsOwnersAndFreeText_AreRefusedOrStoredVerbatim()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("inject"));

        var tags = await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { SqlDrop, SqlOr, Script } })), HttpStatusCode.BadRequest);
        Assert.Equal(["add[0]", "add[1]", "add[2]"], tags.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await (await Agent.PutJsonAsync($"api/customers/{id}/owner", Http.Json(new { owner = SqlDrop }))).ExpectAsync(HttpStatusCode.OK);
        await (await Agent.PostJsonAsync($"api/customers/{id}/interactions", Http.Json(new { channel = "email", direction = "inbound", subject = Script, summary = SqlOr }))).ExpectAsync(HttpStatusCode.OK);
        await (await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "DROP TABLE events" } }))).ExpectAsync(HttpStatusCode.OK);

        var customer = await api.GetCustomerAsync(id);
        Assert.Equal(SqlDrop, customer.GetProperty("owner").GetString());
        Assert.Equal(["DROP TABLE events"], customer.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var interaction = (await api.TimelineAsync(id))[1].GetProperty("data");
        Assert.Equal(Script, interaction.GetProperty("subject").GetString());
        Assert.Equal(SqlOr, interaction.GetProperty("summary").GetString());

        await api.WaitForReadModelAsync();
        var byOwner = await (await Agent.GetRouteAsync($"api/customers?owner={Uri.EscapeDataString(SqlDrop)}&limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byOwner.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
        await api.AssertHealthyAsync();
    }

    [Theory]
    [InlineData(SqlDrop)]
    [InlineData(SqlOr)]
    [InlineData(Script)]
    [InlineData("../../etc/passwd")]
    [InlineData("a b")]
    public async Task Commands_InjectionStringsAsIds_Return400OrNotFound(string hostile)
    {
        var escaped = Uri.EscapeDataString(hostile);

        var problem = await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", Http.Json(new { id = hostile, firstName = "A" })), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
        var getStatus = (await Agent.GetRouteAsync($"api/customers/{escaped}")).StatusCode;
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
        Assert.Equal(HttpStatusCode.NotFound, (await Agent.GetRouteAsync($"api/customers/{escaped}/timeline")).StatusCode);
        var order = await Agent.PostJsonAsync($"api/customers/{escaped}/orders", Http.Json(new { orderId = "o-1", amount = 1m, currency = "EUR" }));
        Assert.True(order.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"Got {(int)order.StatusCode}");
        var id = await api.RegisterAsync(ApiHostFixture.NewId("hostile-order"));
        var hostileOrder = await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId = hostile, amount = 1m, currency = "EUR" })), HttpStatusCode.BadRequest);
        Assert.True(hostileOrder.GetProperty("errors").TryGetProperty("orderId", out _));
        await api.AssertHealthyAsync();
    }

    [Theory]
    [InlineData("q", SqlDrop)]
    [InlineData("q", SqlOr)]
    [InlineData("q", Script)]
    [InlineData("tag", SqlOr)]
    [InlineData("owner", "' OR '1'='1")]
    [InlineData("tier", SqlDrop)]
    [InlineData("cursor", "JyBPUiAxPTEgLS0")]
    public async Task ListCustomers_InjectionInQueryParameters_MatchesNothingAndHarmsNothing(string parameter, string value)
    {
        var marker = $"bystander{Guid.NewGuid():N}";
        var id = await api.RegisterAsync(ApiHostFixture.NewId("zzzz"), "Bystander", marker);
        await api.WaitForReadModelAsync();

        var page = await (await Agent.GetRouteAsync($"api/customers?{parameter}={Uri.EscapeDataString(value)}&limit=500")).ExpectAsync(HttpStatusCode.OK);

        // The value is matched as literal text: other tests store these very strings as names, so a
        // customer may match — but only one whose fields really contain the value.
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            switch (parameter)
            {
                case "q":
                    var searchable = string.Join('\n', new[] { "displayName", "primaryEmail", "primaryPhone", "company" }
                        .Select(field => item.GetProperty(field).ValueKind == JsonValueKind.String ? item.GetProperty(field).GetString() : null));
                    Assert.Contains(value, searchable, StringComparison.OrdinalIgnoreCase);
                    break;
                case "tag":
                    Assert.Contains(value, item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
                    break;
                case "owner" or "tier":
                    Assert.Equal(value, item.GetProperty(parameter).GetString());
                    break;
            }
        }

        if (parameter != "cursor")
        {
            Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == id);
        }

        var stillThere = await (await Agent.GetRouteAsync($"api/customers?q={marker}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(stillThere.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.True((await api.Log.ReadAllAsync(null, 0, 1, TestContext.Current.CancellationToken)).Count == 1);
        await api.AssertHealthyAsync();
    }

    [Fact]
    public async Task ParkedReadModelEvents_InvalidLimitOrPosition_Return400NamingTheParameter()
    {
        await (await api.Admin.GetRouteAsync("api/read-model/parked?limit=0")).ExpectInvalidAsync("limit");
        await (await api.Admin.GetRouteAsync("api/read-model/parked?limit=1001")).ExpectInvalidAsync("limit");
        await (await api.Admin.PostJsonAsync($"api/read-model/parked/{Uri.EscapeDataString(SqlDrop)}/retry", "")).ExpectInvalidAsync("position");
        await (await api.Admin.PostJsonAsync("api/read-model/parked/-1/retry", "")).ExpectInvalidAsync("position");
        await (await api.Admin.PostJsonAsync("api/read-model/parked/1e3/retry", "")).ExpectInvalidAsync("position");
        await (await api.Admin.PostJsonAsync("api/read-model/parked/99999999999/retry", "")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await api.AssertHealthyAsync();
    }

    [Fact]
    public async Task ListCustomers_InjectionAsStage_Returns400()
    {
        await AssertRefusedAsync(() => Agent.GetRouteAsync($"api/customers?stage={Uri.EscapeDataString("growth' OR 1=1 --")}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Commands_VeryLongText_Return400NamingTheField()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("long"));
        var tenThousand = new string('n', 10_000);

        var register = await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", Http.Json(new { id = ApiHostFixture.NewId("long"), firstName = tenThousand, lastName = "Ok" })), HttpStatusCode.BadRequest);
        var update = await AssertRefusedAsync(() => Agent.PatchJsonAsync($"api/customers/{id}", Http.Json(new { lastName = tenThousand })), HttpStatusCode.BadRequest);
        var tag = await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { new string('t', 65) } })), HttpStatusCode.BadRequest);
        var subject = await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/cases", Http.Json(new { kind = "complaint", subject = tenThousand })), HttpStatusCode.BadRequest);
        var unicode = await AssertRefusedAsync(() => Agent.PostJsonAsync("api/customers", Http.Json(new { id = ApiHostFixture.NewId("long"), firstName = string.Concat(Enumerable.Repeat("李", 201)) })), HttpStatusCode.BadRequest);

        Assert.True(register.GetProperty("errors").TryGetProperty("firstName", out _));
        Assert.True(update.GetProperty("errors").TryGetProperty("lastName", out _));
        Assert.True(tag.GetProperty("errors").TryGetProperty("add[0]", out _));
        Assert.True(subject.GetProperty("errors").TryGetProperty("subject", out _));
        Assert.True(unicode.GetProperty("errors").TryGetProperty("firstName", out _));
        Assert.Equal(1, (await api.GetCustomerAsync(id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ChangeTags_UnicodeTags_AreStoredVerbatimAndEmojiTagsRefused()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("utags"));

        await (await Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "Größe", "客户", "עברית" } }))).ExpectAsync(HttpStatusCode.OK);
        await AssertRefusedAsync(() => Agent.PostJsonAsync($"api/customers/{id}/tags", Http.Json(new { add = new[] { "🎉" } })), HttpStatusCode.BadRequest);

        var tags = (await api.GetCustomerAsync(id)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray();
        Assert.Equal(new[] { "Größe", "客户", "עברית" }.Order(StringComparer.Ordinal), tags);
        await api.WaitForReadModelAsync();
        var byTag = await (await Agent.GetRouteAsync($"api/customers?tag={Uri.EscapeDataString("客户")}&limit=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(byTag.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);
    }

    /// <summary>Sends a request that must be refused: asserts the problem, that the log did not move and that the platform is still healthy.</summary>
    private async Task<System.Text.Json.JsonElement> AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        var head = await api.HeadAsync();

        var problem = await (await send()).ExpectProblemAsync(status);

        Assert.Equal(head, await api.HeadAsync());
        await api.AssertHealthyAsync();
        return problem;
    }
}
