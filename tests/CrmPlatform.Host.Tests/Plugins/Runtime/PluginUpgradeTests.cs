using System.Collections.Concurrent;
using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Upgrading a plugin while commands keep coming: no API call fails, no event is lost, and no event is handled by both versions.</summary>
public sealed class PluginUpgradeTests
{
    [Fact]
    public async Task Upgrade_UnderLoad_HandsOverWithoutLossOrOverlap()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("upgrade");
        var output = await runtime.InstallProbeAsync(id, new { enrichTag = "upgraded-load" });
        string[] customers = ["u0", "u1", "u2", "u3", "u4", "u5"];
        foreach (var customer in customers)
        {
            await runtime.RegisterAsync(customer);
        }

        var failures = new ConcurrentQueue<string>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var customer = customers[i % customers.Length];
                var response = i % 3 == 0
                    ? await runtime.PlaceOrderAsync(customer, $"o-{i}", 10m + i)
                    : await runtime.Admin.PostJsonAsync($"api/customers/{customer}/interactions", Http.Json(new { channel = "email", direction = "inbound", subject = $"load {i}" }));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }

                Interlocked.Increment(ref calls);
            }
        }, CancellationToken.None);

        await Eventually.UntilAsync(() => Volatile.Read(ref calls), c => c >= 30, c => $"only {c} calls were made");
        var upgraded = await (await runtime.SendPackageAsync(HttpMethod.Put, $"api/plugins/{id}", ProbePackage.Build(id, "2.0.0"))).ExpectAsync(HttpStatusCode.OK);
        var callsAtUpgrade = Volatile.Read(ref calls);
        await Eventually.UntilAsync(() => Volatile.Read(ref calls), c => c >= callsAtUpgrade + 30, c => $"only {c - callsAtUpgrade} calls after the upgrade");
        await stop.CancelAsync();
        await load;
        await runtime.WaitForNoLagAsync(id);

        var events = (await runtime.EventsOfAsync(customers)).Where(e => ProbePackage.HandledEvents.Contains(e.Type)).ToList();
        var handled = output.Handled();
        Assert.Empty(failures);
        Assert.Equal(("2.0.0", "running"), (upgraded.GetProperty("version").GetString(), upgraded.GetProperty("status").GetString()));
        Assert.Equal(events.Select(e => e.EventId).Order(), handled.Select(l => l.EventId).Distinct().Order());
        Assert.All(handled.GroupBy(l => l.EventId), g => Assert.Single(g.Select(l => l.Version).Distinct()));
        Assert.Equal(handled.Count, handled.Select(l => l.EventId).Distinct().Count());
        Assert.Contains(handled, l => l.Version == "1.0.0");
        Assert.Contains(handled, l => l.Version == "2.0.0");
        foreach (var partition in handled.GroupBy(l => runtime.Log.PartitionOf(l.CustomerId)))
        {
            var lastOfV1 = partition.Where(l => l.Version == "1.0.0").Select(l => l.Position).DefaultIfEmpty(0).Max();
            var firstOfV2 = partition.Where(l => l.Version == "2.0.0").Select(l => l.Position).DefaultIfEmpty(long.MaxValue).Min();
            Assert.True(lastOfV1 < firstOfV2, $"partition {partition.Key}: v1 handled position {lastOfV1} after v2 handled {firstOfV2}");
        }

        foreach (var customer in customers)
        {
            var sequences = handled.Where(l => l.CustomerId == customer).Select(l => l.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }
}
