using System.Net;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Sales;

[Collection(ApiHostGroup.Name)]
public sealed class SalesApiTests(ApiHostFixture api)
{
    private static string OpenBody(string customerId, string owner, decimal amount = 1_000m, string closeDate = "2031-03-31") =>
        Http.Json(new { customerId, name = "Fleet renewal", amount, currency = "EUR", expectedCloseDate = closeDate, owner });

    private async Task WaitForSalesAsync()
    {
        var head = await api.HeadAsync();
        await api.Host.GetService<OpportunityProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Opportunities_OpenMoveWinAndList_AreServedFromGrainAndTable()
    {
        var customer = await api.RegisterAsync(ApiHostFixture.NewId("acct"));
        var owner = ApiHostFixture.NewId("agent");
        var opened = await (await api.Agent.PostJsonAsync("api/opportunities", OpenBody(customer, owner), idempotencyKey: ApiHostFixture.NewId("k")))
            .ExpectAsync(HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetString()!;
        var second = await (await api.Agent.PostJsonAsync("api/opportunities", OpenBody(customer, owner, 400m, "2031-04-15"))).ExpectAsync(HttpStatusCode.Created);

        await (await api.Agent.PostJsonAsync($"api/opportunities/{id}/stage", Http.Json(new { stage = "negotiation" }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Agent.PatchJsonAsync($"api/opportunities/{id}", Http.Json(new { amount = 2_000m }))).ExpectAsync(HttpStatusCode.OK);
        var view = await (await api.Reader.GetRouteAsync($"api/opportunities/{id}")).ExpectAsync(HttpStatusCode.OK);
        await WaitForSalesAsync();
        var page = await (await api.Reader.GetRouteAsync($"api/opportunities?owner={owner}&stage=negotiation")).ExpectAsync(HttpStatusCode.OK);
        var forecast = await (await api.Reader.GetRouteAsync("api/opportunities/forecast?asOf=2031-03-01T00:00:00Z")).ExpectAsync(HttpStatusCode.OK);
        var lines = forecast.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("owner").GetString() == owner).ToArray();
        await (await api.Agent.PostJsonAsync($"api/opportunities/{id}/win", "{}")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("negotiation", view.GetProperty("stage").GetString());
        Assert.Equal(2_000m, view.GetProperty("amount").GetDecimal());
        Assert.Equal(80, view.GetProperty("probability").GetInt32());
        Assert.Equal(id, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(["2031-03", "2031-04"], lines.Select(l => l.GetProperty("month").GetString()));
        Assert.Equal(1_600m, lines[0].GetProperty("weighted").GetDecimal());
        Assert.Equal(40m, lines[1].GetProperty("weighted").GetDecimal());
        Assert.NotEqual(id, second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Opportunities_CustomerReadModel_SkipsOpportunityEventsWithoutParkingThem()
    {
        var customer = await api.RegisterAsync(ApiHostFixture.NewId("acct"));
        var id = (await (await api.Agent.PostJsonAsync("api/opportunities", OpenBody(customer, "agent:x"))).ExpectAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        await (await api.Agent.PostJsonAsync($"api/opportunities/{id}/stage", Http.Json(new { stage = "proposal" }))).ExpectAsync(HttpStatusCode.OK);
        await (await api.Agent.PostJsonAsync($"api/opportunities/{id}/lose", Http.Json(new { reason = "Price." }))).ExpectAsync(HttpStatusCode.OK);

        await api.WaitForReadModelAsync();
        var readModel = api.Host.GetService<ICustomerReadModel>();
        var parked = await readModel.ListParkedAsync(1_000, TestContext.Current.CancellationToken);
        var page = await readModel.ListAsync(new CustomerListQuery(null, null, null, null, null, customer[..^1], 1), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(parked, p => p.EventType.StartsWith("crm.opportunity.", StringComparison.Ordinal));
        var row = Assert.Single(page.Items);
        Assert.Equal(customer, row.Id);
        Assert.Equal(1, row.Version);
    }

    [Theory]
    [InlineData("""{"customerId":"c-1","name":"X","amount":-5,"currency":"EUR","expectedCloseDate":"2031-01-01","owner":"a"}""", "amount")]
    [InlineData("""{"customerId":"c-1","name":"X","amount":5,"currency":"euro","expectedCloseDate":"2031-01-01","owner":"a"}""", "currency")]
    [InlineData("""{"customerId":"c-1","name":"X","amount":5,"currency":"EUR","owner":"a"}""", "expectedCloseDate")]
    [InlineData("""{"customerId":"c-1","name":"X","amount":5,"currency":"EUR","expectedCloseDate":"2031-01-01","owner":"a","stage":"won"}""", "stage")]
    public async Task Open_BadInput_Is400NamingTheField(string body, string field)
    {
        var problem = await (await api.Agent.PostJsonAsync("api/opportunities", body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Routes_WithoutKey_Are401AndReaderWriting_Is403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetRouteAsync("api/opportunities")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.PostJsonAsync("api/opportunities", OpenBody("c-1", "a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Reader.PostJsonAsync("api/opportunities", OpenBody("c-1", "a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Reader.PostJsonAsync("api/opportunities/op-1/win", "{}")).StatusCode);
    }
}
