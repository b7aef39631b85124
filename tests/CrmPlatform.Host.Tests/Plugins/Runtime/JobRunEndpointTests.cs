using System.Net;
using System.Text.Json;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary><c>POST /api/plugins/{id}/jobs/{name}/run</c> runs a job now and answers with its outcome.</summary>
public sealed class JobRunEndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunJob_KnownJob_RunsNowAndAnswersItsOutcome()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("jobrun");
        var output = await runtime.InstallProbeAsync(id);
        var before = output.Jobs().Count;

        using var response = await runtime.Admin.PostAsync($"api/plugins/{id}/jobs/probe-tick/run", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.True(outcome.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal("probe-tick", outcome.RootElement.GetProperty("job").GetString());
        Assert.Equal(id, outcome.RootElement.GetProperty("pluginId").GetString());
        var startedAt = outcome.RootElement.GetProperty("startedAt").GetDateTimeOffset();
        var stamp = startedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(output.Jobs(), line => line.EndsWith($"startedAt={stamp}", StringComparison.Ordinal));
        Assert.True(output.Jobs().Count > before);
    }

    [Fact]
    public async Task RunJob_UnknownPluginOrJob_IsNotFoundProblem()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("jobrun");
        await runtime.InstallProbeAsync(id);

        using var noPlugin = await runtime.Admin.PostAsync("api/plugins/nobody.here/jobs/probe-tick/run", null, Cancel);
        using var noJob = await runtime.Admin.PostAsync($"api/plugins/{id}/jobs/no-such-job/run", null, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, noPlugin.StatusCode);
        Assert.Equal("application/problem+json", noPlugin.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody.here", await noPlugin.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        Assert.Equal("application/problem+json", noJob.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-job", await noJob.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunJob_DisabledPlugin_IsConflictProblem()
    {
        await using var runtime = await RuntimeHost.StartAsync();
        var id = ProbePackage.NewId("jobrun");
        await runtime.InstallProbeAsync(id);
        (await runtime.Admin.PostAsync($"api/plugins/{id}/disable", null, Cancel)).EnsureSuccessStatusCode();

        using var response = await runtime.Admin.PostAsync($"api/plugins/{id}/jobs/probe-tick/run", null, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("disabled", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
