using System.Globalization;
using System.Net;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>
/// The platform's own reports on a real host, over customers registered, terminated and won back at
/// known times (see <see cref="CohortHostFixture"/>): exact counts and shares, and CSV that says what the JSON says.
/// </summary>
public sealed class BuiltInReportTests(CohortHostFixture fixture) : IClassFixture<CohortHostFixture>
{
    private static string Third => (1d / 3).ToString("R", CultureInfo.InvariantCulture);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private CrmTestHost Host => fixture.Host;

    [Fact]
    public async Task StageDistribution_CustomersInThreeStages_EveryStageWithCountAndShare()
    {
        var report = await ReportClient.GetJsonAsync(Host.Admin, "api/reports/crm/stage-distribution");

        Assert.Equal("crm", report.GetProperty("source").GetString());
        Assert.Equal("stage-distribution", report.GetProperty("name").GetString());
        Assert.Equal(fixture.Now, report.GetProperty("generatedAt").GetDateTimeOffset());
        string[][] expected =
        [
            ["\"prospect\"", "1", Third], ["\"acquisition\"", "0", "0"], ["\"growth\"", "1", Third],
            ["\"maturity\"", "0", "0"], ["\"decline\"", "0", "0"], ["\"terminated\"", "1", Third],
        ];
        Assert.Equal(expected, ReportClient.Rows(report, "stage", "customers", "share"));
    }

    [Fact]
    public async Task CohortRetention_TerminationAndWinBack_ShareActiveAtEachMonthEnd()
    {
        var report = await ReportClient.GetJsonAsync(Host.Admin, "api/reports/crm/cohort-retention");

        // January (ann, bob): ann terminated in February, won back in March. February (cat): terminated in March. Now: 2 April.
        string[][] expected =
        [
            ["\"2025-01\"", "0", "2", "2", "1"],
            ["\"2025-01\"", "1", "2", "1", "0.5"],
            ["\"2025-01\"", "2", "2", "2", "1"],
            ["\"2025-01\"", "3", "2", "2", "1"],
            ["\"2025-02\"", "0", "1", "1", "1"],
            ["\"2025-02\"", "1", "1", "0", "0"],
            ["\"2025-02\"", "2", "1", "0", "0"],
        ];
        Assert.Equal(expected, ReportClient.Rows(report, "cohort", "month", "customers", "active", "share"));
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("not Terminated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CohortRetention_MonthsParameter_StopsAtThatOffset()
    {
        var report = await ReportClient.GetJsonAsync(Host.Admin, "api/reports/crm/cohort-retention?months=1");

        Assert.Equal(
            [["\"2025-01\"", "0"], ["\"2025-01\"", "1"], ["\"2025-02\"", "0"], ["\"2025-02\"", "1"]],
            ReportClient.Rows(report, "cohort", "month"));
    }

    [Theory]
    [InlineData("stage-distribution", false)]
    [InlineData("cohort-retention", true)]
    public async Task Csv_BuiltInReport_ParsesBackToTheJsonWithFileName(string name, bool viaAccept)
    {
        var json = await ReportClient.GetJsonAsync(Host.Admin, $"api/reports/crm/{name}");

        var (response, csv) = await ReportClient.GetCsvAsync(Host.Admin, $"api/reports/crm/{name}", viaAccept);

        ReportClient.AssertSameAsJson(json.GetProperty("columns"), json.GetProperty("rows"), csv);
        Assert.Equal($"crm-{name}-20250402T090000Z.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task GetReport_ReaderKey_IsAllowedAndNoKeyIsNot()
    {
        var reader = await Host.GetService<ApiKeyStore>().CreateAsync("report reader", ApiKeyRole.Reader, Cancel);
        using var client = Host.CreateClient(reader.Key);

        await ReportClient.GetJsonAsync(client, "api/reports/crm/stage-distribution");
        var list = await ReportClient.GetJsonAsync(client, "api/reports");

        Assert.Equal(
            ["crm/cohort-retention", "crm/insights", "crm/stage-distribution"],
            list.EnumerateArray().Select(r => $"{r.GetProperty("source").GetString()}/{r.GetProperty("name").GetString()}"));
        Assert.Equal("/api/reports/crm/cohort-retention", list[0].GetProperty("href").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous.GetRouteAsync("api/reports/crm/stage-distribution")).StatusCode);
    }

    [Theory]
    [InlineData("api/reports/crm/cohort-retention?months=-1", "months")]
    [InlineData("api/reports/crm/cohort-retention?months=lots", "months")]
    [InlineData("api/reports/crm/stage-distribution?format=xml", "format")]
    [InlineData("api/reports/crm/insights?name=", "name")]
    public async Task GetReport_BadParameter_ProblemNamesIt(string url, string field)
    {
        await (await Host.Admin.GetRouteAsync(url)).ExpectInvalidAsync(field);
    }

    [Theory]
    [InlineData("api/reports/crm/no-such-report", "no-such-report")]
    [InlineData("api/reports/no-such-source/stage-distribution", "no-such-source")]
    public async Task GetReport_UnknownSourceOrReport_NotFoundProblemNamesIt(string url, string name)
    {
        var problem = await (await Host.Admin.GetRouteAsync(url)).ExpectProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains($"'{name}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
