using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Installing a plugin through the API: it runs at once and receives the whole log, old events first, in order per customer.</summary>
public sealed class PluginInstallTests
{
    [Fact]
    public async Task Install_WithHistoryAndNewEvents_DeliversEveryEventOnceInOrderPerCustomer()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        string[] customers = ["ada", "grace", "linus"];
        foreach (var customer in customers)
        {
            await runtime.RegisterAsync(customer);
            await runtime.RecordInteractionAsync(customer, "before install");
        }

        var id = ProbePackage.NewId("install");
        var output = runtime.Output(id);
        var installed = await runtime.InstallAsync(ProbePackage.Build(id, "1.2.3"));
        for (var round = 0; round < 3; round++)
        {
            foreach (var customer in customers)
            {
                await runtime.RecordInteractionAsync(customer, $"after install {round}");
            }
        }

        await (await runtime.PlaceOrderAsync("ada", "o-1", 10m)).ExpectAsync(HttpStatusCode.OK);
        var events = await runtime.EventsOfAsync(customers);
        var handled = await RuntimeHost.WaitUntilHandledAsync(output, events);

        Assert.Equal((id, "1.2.3", true), (installed.GetProperty("id").GetString(), installed.GetProperty("version").GetString(), installed.GetProperty("enabled").GetBoolean()));
        Assert.Contains("probe-tick", installed.GetProperty("jobs").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(events.Select(e => e.EventId).Order(), handled.Select(l => l.EventId).Order());
        Assert.All(handled, l => Assert.Equal((id, "1.2.3", 1), (l.Plugin, l.Version, l.Attempt)));
        Assert.All(handled, l => Assert.Equal(events.Single(e => e.EventId == l.EventId).Position, l.Position));
        foreach (var customer in customers)
        {
            var sequences = handled.Where(l => l.CustomerId == customer).Select(l => l.Sequence).ToList();
            Assert.True(sequences.SequenceEqual(sequences.Order()) && sequences.Distinct().Count() == sequences.Count, $"{customer}'s events were handled out of order: {string.Join(", ", sequences)}");
            Assert.Equal(1L, sequences[0]);
        }
    }

    [Fact]
    public async Task ListAndGet_AfterInstall_ShowThePluginRunning()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var first = ProbePackage.NewId("list-a");
        var second = ProbePackage.NewId("list-b");
        await runtime.InstallProbeAsync(first);
        await runtime.InstallProbeAsync(second, version: "2.0.0");

        var list = await runtime.GetAsync("api/plugins");
        var one = await runtime.GetAsync($"api/plugins/{second}");
        var missing = await runtime.Admin.GetRouteAsync("api/plugins/probe-not-installed");

        Assert.Equal(
            new[] { (first, "1.0.0", "running"), (second, "2.0.0", "running") }.Order(),
            list.EnumerateArray()
                .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("version").GetString()!, p.GetProperty("status").GetString()!))
                .Where(p => p.Item1.StartsWith("probe-", StringComparison.Ordinal))
                .Order());
        Assert.Equal((second, "2.0.0", "running"), (one.GetProperty("id").GetString(), one.GetProperty("version").GetString(), one.GetProperty("status").GetString()));
        Assert.Equal(ProbePackage.HandledEvents, one.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        await missing.ExpectProblemAsync(HttpStatusCode.NotFound);
    }
}
