using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>A plugin's command hook through the API: vetoes become 422 and write nothing, enrichments are written with the command, failures count as the hook says.</summary>
public sealed class CommandHookTests
{
    [Fact]
    public async Task Order_AboveTheHooksLimit_Is422WithTheReasonAndWritesNothing()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("veto");
        var output = await runtime.InstallProbeAsync(id, new { vetoAbove = 100m });
        await runtime.RegisterAsync("v1");
        var before = await runtime.EventsAsync();

        var vetoed = await runtime.PlaceOrderAsync("v1", "o-big", 500m);

        var problem = await vetoed.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains($"Plugin '{id}': Probe: order o-big of 500 is above 100.", problem.GetProperty("detail").GetString());
        Assert.Equal(before.Count, (await runtime.EventsAsync()).Count);
        Assert.Equal(0, (await runtime.GetAsync("api/customers/v1")).GetProperty("orderCount").GetInt32());
        Assert.Single(output.Hooks(), h => h.Contains("order=o-big", StringComparison.Ordinal) && h.Contains("ordersBefore=0", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await runtime.PlaceOrderAsync("v1", "o-small", 50m)).StatusCode);
    }

    [Fact]
    public async Task Order_WithEnrichingHook_WritesTheTagInTheSameCommand()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("enrich");
        await runtime.InstallProbeAsync(id, new { enrichTag = "probe-enriched" });
        await runtime.RegisterAsync("e1");

        var placed = await (await runtime.PlaceOrderAsync("e1", "o-1", 25m)).ExpectAsync(HttpStatusCode.OK);

        var command = (await runtime.EventsOfAsync("e1"))
            .Where(e => e.Sequence >= placed.GetProperty("firstSequence").GetInt64() && e.Sequence <= placed.GetProperty("lastSequence").GetInt64())
            .ToList();
        Assert.Contains(command, e => e.Type == "crm.customer.order-placed.v1");
        var tagged = Assert.Single(command, e => e.Type == "crm.customer.tags-changed.v1");
        Assert.Equal(["probe-enriched"], ((CrmPlatform.Sdk.Events.TagsChanged)tagged.Event).Added);
        Assert.Contains("probe-enriched", (await runtime.GetAsync("api/customers/e1")).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("hang", false, HttpStatusCode.OK)]
    [InlineData("hang", true, HttpStatusCode.UnprocessableEntity)]
    [InlineData("throw", false, HttpStatusCode.OK)]
    [InlineData("throw", true, HttpStatusCode.UnprocessableEntity)]
    public async Task Order_WhenTheHookFails_GoesAheadOrIsRefusedAsTheHookSaysWithinItsBudget(string hookMode, bool failsClosed, HttpStatusCode expected)
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("hook-fail");
        await runtime.InstallProbeAsync(id, new { hookMode, hookFailsClosed = failsClosed, maxStallSeconds = 10 });
        await runtime.RegisterAsync("h1");
        var before = (await runtime.EventsOfAsync("h1")).Count;

        var watch = Stopwatch.StartNew();
        var response = await runtime.PlaceOrderAsync("h1", "o-1", 10m);
        watch.Stop();

        var body = await response.ExpectAsync(expected);
        // The hook stalls for 10 s: a command that answers well before that was not held by it.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"the command took {watch.Elapsed} with a 250 ms hook budget");
        if (expected == HttpStatusCode.UnprocessableEntity)
        {
            Assert.Contains($"Plugin '{id}' could not check the command", body.GetProperty("detail").GetString());
            Assert.Equal(before, (await runtime.EventsOfAsync("h1")).Count);
        }
        else
        {
            Assert.Equal(JsonValueKind.Number, body.GetProperty("lastSequence").ValueKind);
            Assert.Equal(1, (await runtime.GetAsync("api/customers/h1")).GetProperty("orderCount").GetInt32());
        }

        // Lets a hanging hook return, so nothing is left running when the host stops.
        await runtime.PutSettingsAsync(id, new { hookMode = "normal" });
    }
}
