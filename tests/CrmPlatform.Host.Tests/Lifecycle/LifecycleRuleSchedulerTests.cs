using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Customers.Lifecycle;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Lifecycle;

public sealed class LifecycleRuleSchedulerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
    private CrmTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await CrmTestHost.StartAsync(
            extraArgs:
            [
                "--Crm:Customers:Lifecycle:DeclineAfterDays=30",
                // The background tick never fires during the test (it advances 30 days): it calls RunOnceAsync itself.
                // (A PeriodicTimer takes at most about 49 days.)
                "--Crm:Lifecycle:Interval=45.00:00:00",
            ],
            time: _time);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunOnceAsync_CustomerQuietPastDeclineAfterDays_MovesToDeclineByInactivityRule()
    {
        var quiet = ApiHostFixture.NewId("quiet");
        var active = ApiHostFixture.NewId("active");
        var prospect = ApiHostFixture.NewId("prospect");
        await RegisterAsync(quiet);
        await RegisterAsync(active);
        await RegisterAsync(prospect);
        await OrderAsync(quiet, "o-1");
        await OrderAsync(active, "o-1");
        var orderedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromDays(20));
        await OrderAsync(active, "o-2");
        _time.Advance(TimeSpan.FromDays(9));
        var scheduler = _host.GetService<LifecycleRuleScheduler>();

        await WaitForReadModelAsync();
        Assert.Equal(0, await scheduler.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal("growth", (await GetAsync(quiet)).GetProperty("stage").GetString());

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await WaitForReadModelAsync();
        var changed = await scheduler.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, changed);
        var customer = await GetAsync(quiet);
        Assert.Equal("decline", customer.GetProperty("stage").GetString());
        var last = customer.GetProperty("stageHistory").EnumerateArray().Last();
        Assert.Equal("growth", last.GetProperty("from").GetString());
        Assert.Equal("decline", last.GetProperty("to").GetString());
        Assert.Equal("inactivity", last.GetProperty("rule").GetString());
        Assert.Equal("system:lifecycle-rules", last.GetProperty("actor").GetString());
        Assert.Equal(orderedAt.AddDays(30).AddSeconds(1), last.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("growth", (await GetAsync(active)).GetProperty("stage").GetString());
        Assert.Equal("prospect", (await GetAsync(prospect)).GetProperty("stage").GetString());

        Assert.Equal(0, await scheduler.RunOnceAsync(TestContext.Current.CancellationToken));
        await WaitForReadModelAsync();
        var declined = await (await _host.Admin.GetRouteAsync("api/customers?stage=decline")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([quiet], declined.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private async Task RegisterAsync(string id) =>
        await (await _host.Admin.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Life", lastName = "Cycle" }))).ExpectAsync(HttpStatusCode.Created);

    private async Task OrderAsync(string id, string orderId) =>
        await (await _host.Admin.PostJsonAsync($"api/customers/{id}/orders", Http.Json(new { orderId, amount = 10m, currency = "EUR" }))).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> GetAsync(string id) =>
        await (await _host.Admin.GetRouteAsync($"api/customers/{id}")).ExpectAsync(HttpStatusCode.OK);

    private async Task WaitForReadModelAsync()
    {
        var head = await _host.GetService<IEventLog>().GetHeadPositionAsync(TestContext.Current.CancellationToken);
        await _host.GetService<ReadModelProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }
}
