using System.Net;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>A plugin's scheduled job runs at its interval while the plugin is enabled.</summary>
public sealed class ScheduledJobTests
{
    [Fact]
    public async Task Job_EverySecond_RunsRepeatedlyAndStopsWhenDisabled()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("job");
        var output = await runtime.InstallProbeAsync(id);

        var runs = await Eventually.UntilAsync(output.Jobs, jobs => jobs.Count >= 3, jobs => $"the job ran {jobs.Count} times");

        Assert.All(runs, r => Assert.StartsWith($"plugin={id}\tversion=1.0.0\tjob=probe-tick\tstartedAt=", r, StringComparison.Ordinal));
        Assert.Equal(runs.Count, runs.Distinct().Count());

        await (await runtime.Admin.PostAsync($"api/plugins/{id}/disable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // A run already past its wait may still finish; after that, nothing for several intervals.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var afterDisable = output.Jobs().Count;
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        Assert.Equal(afterDisable, output.Jobs().Count);
        Assert.Equal(HttpStatusCode.OK, (await runtime.Admin.PostAsync($"api/plugins/{id}/enable", null, TestContext.Current.CancellationToken)).StatusCode);
        await Eventually.UntilAsync(output.Jobs, jobs => jobs.Count > afterDisable, _ => "the job did not run again after enabling");
    }
}
