using CrmPlatform.Plugins.Analytics.Jobs;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Reports;
using Microsoft.Extensions.Time.Testing;
using static CrmPlatform.Plugins.Analytics.Tests.AnalyticsTestHost;

namespace CrmPlatform.Plugins.Analytics.Tests;

public sealed class AnalyticsReportsTests
{
    private static readonly string[] Reports = ["value-tiers", "rfm", "segments", "churn-risk", "churn-models", "next-best-offers"];

    [Fact]
    public async Task BuildAsync_BeforeAnyJob_EveryReportIsEmptyAndSaysWhatToRun()
    {
        await using var host = Create(new FakeTimeProvider(Start));

        foreach (var name in Reports)
        {
            var table = await host.BuildReportAsync(name, cancellationToken: Cancel);
            Assert.Empty(table.Rows);
            Assert.Contains("run the", Assert.Single(table.Notes!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BuildAsync_AfterRefreshAndTraining_TablesAddUpToThePopulation()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = Create(time);
        await ChurnData.DeliverAsync(host, 200);
        for (var i = 0; i < 200; i++)
        {
            await host.DeliverAsync($"c-{i:D4}", new OrderPlaced($"o-{i}", 10 + i, "EUR", [new OrderLine("kit", null, 1, 10 + i), new OrderLine(i % 3 == 0 ? "manual" : "gloves", null, 1, 0)]), Cancel);
            time.Advance(TimeSpan.FromHours(6));
        }

        await host.RunJobAsync(AnalyticsRuns.Refresh, Cancel);
        await host.RunJobAsync(AnalyticsRuns.TrainChurn, Cancel);

        var tiers = await host.BuildReportAsync("value-tiers", cancellationToken: Cancel);
        Assert.Equal(["vip", "key", "ordinary", "small"], tiers.Rows.Select(r => (string)r[0]!));
        Assert.Equal(200L, tiers.Rows.Sum(r => (long)r[1]!));
        var pareto = await host.BuildReportAsync("value-tiers", new ReportQuery(new Dictionary<string, string> { ["view"] = "pareto" }), Cancel);
        Assert.Equal(101, pareto.Rows.Count);
        Assert.Equal((1.0, 1.0), ((double)pareto.Rows[^1][0]!, (double)pareto.Rows[^1][1]!));
        var rfm = await host.BuildReportAsync("rfm", cancellationToken: Cancel);
        Assert.Equal(200L, rfm.Rows.Sum(r => (long)r[4]!));
        var segments = await host.BuildReportAsync("segments", cancellationToken: Cancel);
        Assert.Equal(5, segments.Rows.Count);
        Assert.Equal(200L, segments.Rows.Sum(r => (long)r[1]!));
        Assert.Equal(5, segments.Notes!.Count);
        Assert.Contains(segments.Columns, c => c.Name == "centroid.monetary.total");
        var risk = await host.BuildReportAsync("churn-risk", cancellationToken: Cancel);
        Assert.Equal(10, risk.Rows.Count);
        Assert.Equal(200L, risk.Rows.Sum(r => (long)r[2]!));
        var models = await host.BuildReportAsync("churn-models", cancellationToken: Cancel);
        var model = Assert.Single(models.Rows);
        Assert.True((bool)model[2]!);
        Assert.Equal(2, models.Notes!.Count);
        Assert.StartsWith("Calibration", models.Notes[0], StringComparison.Ordinal);
        var offers = await host.BuildReportAsync("next-best-offers", new ReportQuery(new Dictionary<string, string> { ["limit"] = "2" }), Cancel);
        Assert.Equal(2, offers.Rows.Count);
        Assert.Equal(1.0, (double)offers.Rows[0][3]!);
        foreach (var table in new[] { tiers, pareto, rfm, segments, risk, models, offers })
        {
            Assert.All(table.Rows, row => Assert.Equal(table.Columns.Count, row.Count));
        }
    }
}
