using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Disabling pauses a plugin at its checkpoint; enabling resumes from there without losing or repeating events.</summary>
public sealed class PluginEnableDisableTests
{
    [Fact]
    public async Task Disable_ThenEnable_PausesDeliveriesAndResumesFromTheCheckpoint()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("pause");
        var output = await runtime.InstallProbeAsync(id);
        await runtime.RegisterAsync("p1");
        var before = await runtime.EventsOfAsync("p1");
        await RuntimeHost.WaitUntilHandledAsync(output, before);
        await runtime.WaitForNoLagAsync(id);

        var disabled = await (await runtime.Admin.PostAsync($"api/plugins/{id}/disable", null, TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            await runtime.RecordInteractionAsync("p1", $"while disabled {i}");
        }

        var whileDisabled = (await runtime.EventsOfAsync("p1")).Skip(before.Count).ToList();
        await Eventually.UntilAsync(
            () => runtime.GetAsync($"api/plugins/{id}/subscription"),
            lag => lag.GetProperty("eventsBehind").GetInt64() == whileDisabled.Count,
            lag => $"expected {whileDisabled.Count} events behind: {lag}");
        // A pause can only be seen by waiting: several reconcile intervals (200 ms) and idle waits (1 s) pass.
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var handledWhileDisabled = output.Handled().Count;
        var statusWhileDisabled = (await runtime.GetAsync($"api/plugins/{id}")).GetProperty("status").GetString();

        var enabled = await (await runtime.Admin.PostAsync($"api/plugins/{id}/enable", null, TestContext.Current.CancellationToken)).ExpectAsync(HttpStatusCode.OK);
        await RuntimeHost.WaitUntilHandledAsync(output, whileDisabled);
        await runtime.WaitForNoLagAsync(id);

        Assert.Equal((false, "disabled"), (disabled.GetProperty("enabled").GetBoolean(), disabled.GetProperty("status").GetString()));
        Assert.Equal("disabled", statusWhileDisabled);
        Assert.Equal(before.Count, handledWhileDisabled);
        Assert.Equal((true, "running"), (enabled.GetProperty("enabled").GetBoolean(), enabled.GetProperty("status").GetString()));
        Assert.Equal(before.Concat(whileDisabled).Select(e => e.EventId), output.Handled().Select(l => l.EventId));
    }

    [Fact]
    public async Task EnableAndDisable_UnknownPlugin_Are404()
    {
        await using var runtime = await RuntimeHost.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await runtime.Admin.PostAsync("api/plugins/probe-nobody/enable", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.Admin.PostAsync("api/plugins/probe-nobody/disable", null, TestContext.Current.CancellationToken)).StatusCode);
    }
}
