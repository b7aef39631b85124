using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>A handler that hangs or spins past its budget: the plugin shows as hung, the host keeps serving, and delivery resumes once the call returns.</summary>
public sealed class PluginSandboxTests
{
    [Theory]
    [InlineData("hang")]
    [InlineData("spin")]
    public async Task Handler_OverrunningItsBudget_MarksThePluginHungUntilItReturns(string mode)
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId(mode);
        var output = await runtime.InstallProbeAsync(id, new { mode, maxStallSeconds = 20 });
        await runtime.RegisterAsync("s1");

        var hung = await Eventually.UntilAsync(
            () => runtime.GetAsync($"api/plugins/{id}"),
            p => p.GetProperty("status").GetString() == "hung",
            p => $"the plugin is not shown as hung: {p}");
        Assert.Equal(HttpStatusCode.OK, (await runtime.Host.Anonymous.GetRouteAsync("health/ready")).StatusCode);
        await runtime.RecordInteractionAsync("s1", "while hung");
        Assert.Equal(HttpStatusCode.OK, (await runtime.PlaceOrderAsync("s1", "o-1", 5m)).StatusCode);
        await runtime.PutSettingsAsync(id, new { mode = "normal" });
        var events = await runtime.EventsOfAsync("s1");
        await RuntimeHost.WaitUntilHandledAsync(output, events);
        var running = await Eventually.UntilAsync(
            () => runtime.GetAsync($"api/plugins/{id}"),
            p => p.GetProperty("status").GetString() == "running",
            p => $"the plugin did not recover: {p}");

        Assert.Contains("overran its 2000 ms budget", hung.GetProperty("statusReason").GetString());
        var registered = output.Events().Where(l => l.EventId == events[0].EventId).ToList();
        Assert.Equal((1, "stalled"), (registered[0].Attempt, registered[0].Outcome));
        Assert.Equal((2, "ok"), (registered[^1].Attempt, registered[^1].Outcome));
        Assert.Equal(JsonValueKind.Null, running.GetProperty("statusReason").ValueKind);
    }
}
