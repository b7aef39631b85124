using System.Net;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>
/// A plugin's reports served through the runtime: the test plugin installed as a package on a real
/// host, its tables as JSON and CSV, and the problems when it throws, hangs, breaks its columns, is
/// disabled or is suspended.
/// </summary>
public sealed class PluginReportTests
{
    private const string PluginId = "crm.test.reports";

    private static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestPlugins", "Reports");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReport_PluginTable_ServedAsJsonAndCsvAndListed()
    {
        await using var runtime = await StartAsync();

        var list = await ReportClient.GetJsonAsync(runtime.Admin, "api/reports");
        var report = await ReportClient.GetJsonAsync(runtime.Admin, $"api/reports/{PluginId}/regions");
        var (_, csv) = await ReportClient.GetCsvAsync(runtime.Admin, $"api/reports/{PluginId}/regions");

        Assert.Equal(
            ["crm/cohort-retention", "crm/insights", "crm/stage-distribution", $"{PluginId}/echo", $"{PluginId}/hangs", $"{PluginId}/malformed", $"{PluginId}/regions", $"{PluginId}/throws"],
            list.EnumerateArray().Select(r => $"{r.GetProperty("source").GetString()}/{r.GetProperty("name").GetString()}"));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("href").GetString() == $"/api/reports/{PluginId}/regions" && r.GetProperty("title").GetString() == "Customers by region");
        Assert.Equal(PluginId, report.GetProperty("source").GetString());
        Assert.Equal(["text", "wholeNumber", "number", "boolean", "timestamp"], report.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        string[][] expected =
        [
            ["\"North, \\\"upper\\\"\"", "12", "1234.5", "true", "\"2026-03-01T06:30:15.25+00:00\""],
            ["\"South\"", "3", "0.125", "false", "null"],
            ["\"-West\"", "0", "-7.25", "null", "\"2026-03-02T06:30:15.25+00:00\""],
        ];
        Assert.Equal(expected, ReportClient.Rows(report, "region", "customers", "revenue", "growing", "since"));
        Assert.Equal(["Regions come from the customers' addresses."], report.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        ReportClient.AssertSameAsJson(report.GetProperty("columns"), report.GetProperty("rows"), csv);
        Assert.Equal("North, \"upper\"", csv[1][0]);
        Assert.Equal("2026-03-01T06:30:15.25Z", csv[1][4]);
    }

    [Fact]
    public async Task GetReport_QueryParameters_PassToThePluginWithoutFormat()
    {
        await using var runtime = await StartAsync();

        var report = await ReportClient.GetJsonAsync(runtime.Admin, $"api/reports/{PluginId}/echo?segment=gold&format=json&from=2026-01");

        Assert.Equal([["\"from\"", "\"2026-01\""], ["\"segment\"", "\"gold\""]], ReportClient.Rows(report, "parameter", "value"));
    }

    [Theory]
    [InlineData("throws", "The report's data store is down.")]
    [InlineData("hangs", "did not finish within 500 ms")]
    [InlineData("malformed", "Column 'customers' is WholeNumber but row 1 holds a String")]
    [InlineData("malformed?fault=count", "Row 1 has 1 values for 2 columns")]
    public async Task GetReport_PluginFailsOrBreaksItsColumns_BadGatewayNamingPluginAndFault(string report, string fault)
    {
        await using var runtime = await StartAsync();

        var problem = await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/{report}")).ExpectProblemAsync(HttpStatusCode.BadGateway);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"Plugin '{PluginId}'", detail, StringComparison.Ordinal);
        Assert.Contains(fault, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_PluginHasNoSuchReport_NotFoundNamingIt()
    {
        await using var runtime = await StartAsync();

        var problem = await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/no-such-report")).ExpectProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("'no-such-report'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_PluginDisabled_ServiceUnavailableAndUnlisted()
    {
        await using var runtime = await StartAsync();
        await (await runtime.Admin.PostJsonAsync($"api/plugins/{PluginId}/disable", "{}")).ExpectAsync(HttpStatusCode.OK);

        var problem = await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/regions")).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);
        var list = await ReportClient.GetJsonAsync(runtime.Admin, "api/reports");

        Assert.Contains($"Plugin '{PluginId}' is disabled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("source").GetString() == PluginId);
    }

    [Fact]
    public async Task GetReport_PluginReportsKeepFailing_ReportsSuspendedPluginKeepsRunning()
    {
        // A breaker that opens after two calls of which half failed.
        await using var runtime = await StartAsync("--Crm:Plugins:BreakerMinimumThroughput=2");
        await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/throws")).ExpectProblemAsync(HttpStatusCode.BadGateway);
        await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/throws")).ExpectProblemAsync(HttpStatusCode.BadGateway);

        var problem = await (await runtime.Admin.GetRouteAsync($"api/reports/{PluginId}/regions")).ExpectProblemAsync(HttpStatusCode.ServiceUnavailable);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"Plugin '{PluginId}'", detail, StringComparison.Ordinal);
        Assert.Contains("Suspended", detail, StringComparison.Ordinal);
        // The report lane has its own breaker: deliveries and hooks of the plugin are not suspended.
        Assert.Equal("running", (await runtime.GetAsync($"api/plugins/{PluginId}")).GetProperty("status").GetString());
    }

    private static async Task<RuntimeHost> StartAsync(params string[] extraArgs)
    {
        var runtime = await RuntimeHost.StartAsync(["--Crm:Reports:PluginTimeout=00:00:00.500", .. extraArgs]);
        try
        {
            JsonElement installed = await runtime.InstallAsync(Package());
            Assert.Equal(PluginId, installed.GetProperty("id").GetString());
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>The test plugin's build output as a package.</summary>
    private static byte[] Package() =>
        ProbePackage.Zip(Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path.GetRelativePath(Folder, path).Replace('\\', '/'), File.ReadAllBytes(path))));
}
