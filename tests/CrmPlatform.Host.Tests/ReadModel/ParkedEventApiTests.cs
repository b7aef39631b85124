using System.Net;
using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>A poison event in a running platform: parked, visible to admins, retried through the API after the fix.</summary>
public sealed class ParkedEventApiTests : IAsyncLifetime
{
    private readonly PoisonedReadModelFactory _factory = new(e => e.Event is ProfileUpdated { Company: "Poison Ltd" });
    private CrmTestHost _host = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await CrmTestHost.StartAsync(
            extraArgs: ["--Crm:ReadModel:RetryDelay=00:00:00"],
            configure: builder => builder.Host.UseServiceProviderFactory(_factory));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ParkedEvents_PoisonEventThenFix_ParkedListedAndRetriedThroughTheApi()
    {
        var admin = _host.Admin;
        await (await admin.PostJsonAsync("api/customers", Http.Json(new { id = "bob", firstName = "Bob", lastName = "Builder" }))).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PatchJsonAsync("api/customers/bob", Http.Json(new { company = "Poison Ltd" }))).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("api/customers", Http.Json(new { id = "carol", firstName = "Carol", lastName = "Danvers" }))).ExpectAsync(HttpStatusCode.Created);
        await WaitForReadModelAsync();

        var listed = await (await admin.GetRouteAsync("api/customers")).ExpectAsync(HttpStatusCode.OK);
        var parked = Assert.Single((await (await admin.GetRouteAsync("api/read-model/parked")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        var position = parked.GetProperty("position").GetInt64();
        var retryAll = await (await admin.PostJsonAsync("api/read-model/parked/retry", "")).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"api/read-model/parked/{position}/retry", "")).ExpectProblemAsync(HttpStatusCode.Conflict);

        _factory.Model.Fixed = true;
        await (await admin.PostJsonAsync($"api/read-model/parked/{position}/retry", "")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(["bob", "carol"], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("items")[0].GetProperty("company").ValueKind);
        Assert.Equal(("bob", "crm.customer.profile-updated.v1", 3), (parked.GetProperty("customerId").GetString(), parked.GetProperty("eventType").GetString(), parked.GetProperty("attempts").GetInt32()));
        Assert.Equal(0, retryAll.GetProperty("applied").GetInt32());
        Assert.Equal(position, Assert.Single(retryAll.GetProperty("failed").EnumerateArray()).GetProperty("position").GetInt64());
        Assert.Empty((await (await admin.GetRouteAsync("api/read-model/parked")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        var bob = (await (await admin.GetRouteAsync("api/customers?q=bob")).ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0];
        Assert.Equal("Poison Ltd", bob.GetProperty("company").GetString());
        await (await admin.PostJsonAsync($"api/read-model/parked/{position}/retry", "")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ParkedEvents_CallerIsNotAnAdmin_Returns401Or403()
    {
        var keys = _host.GetService<ApiKeyStore>();
        using var agent = _host.CreateClient((await keys.CreateAsync("agent", ApiKeyRole.Agent, Cancel)).Key);
        using var reader = _host.CreateClient((await keys.CreateAsync("reader", ApiKeyRole.Reader, Cancel)).Key);

        await (await _host.Anonymous.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await _host.Anonymous.PostJsonAsync("api/read-model/parked/retry", "")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.GetRouteAsync("api/read-model/parked")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.PostJsonAsync("api/read-model/parked/retry", "")).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.PostJsonAsync("api/read-model/parked/1/retry", "")).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task WaitForReadModelAsync()
    {
        var head = await _host.GetService<IEventLog>().GetHeadPositionAsync(Cancel);
        await _host.GetService<ReadModelProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), Cancel);
    }
}
