using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>
/// The plugin runtime's gauges on /metrics. The meter is process-wide and this project runs many
/// hosts in one process, so the class runs alone (as MetricsEndpointTests does).
/// </summary>
[Collection(nameof(PluginMetricsTests))]
[CollectionDefinition(nameof(PluginMetricsTests), DisableParallelization = true)]
public sealed class PluginMetricsTests
{
    [Fact]
    public async Task Metrics_ForADisabledPluginWithNewEvents_ShowItsLagUntilItCatchesUp()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("metrics");
        var output = await runtime.InstallProbeAsync(id);
        await runtime.RegisterAsync("m1");
        await RuntimeHost.WaitUntilHandledAsync(output, await runtime.EventsOfAsync("m1"));
        await runtime.WaitForNoLagAsync(id);
        await (await runtime.Admin.PostAsync($"api/plugins/{id}/disable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 4; i++)
        {
            await runtime.RecordInteractionAsync("m1", $"unseen {i}");
        }

        // The gauge is sampled every 5 s.
        var behind = await Eventually.UntilAsync(() => LagAsync(runtime, id), lag => lag == 4, lag => $"crm_plugin_lag_events for {id} is {lag?.ToString() ?? "missing"}");
        await (await runtime.Admin.PostAsync($"api/plugins/{id}/enable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var caughtUp = await Eventually.UntilAsync(() => LagAsync(runtime, id), lag => lag == 0, lag => $"crm_plugin_lag_events for {id} is {lag?.ToString() ?? "missing"}");

        Assert.Equal((4d, 0d), (behind, caughtUp));
    }

    private static async Task<double?> LagAsync(RuntimeHost runtime, string id)
    {
        var text = await (await runtime.Host.Admin.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var match = Regex.Match(text, $"^crm_plugin_lag_events\\{{[^}}]*plugin=\"{Regex.Escape(id)}\"[^}}]*\\}} (\\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
