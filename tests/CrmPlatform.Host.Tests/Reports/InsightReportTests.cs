using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>Customers' insights as a report (<c>crm/insights</c>) and per customer (<c>/api/customers/{id}/insights</c>), JSON and CSV.</summary>
public sealed class InsightReportTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Insights_WrittenAndRewritten_LatestPerNameFilterableAndExportable()
    {
        var (ada, bob) = (ApiHostFixture.NewId("ada"), ApiHostFixture.NewId("bob"));
        var risk = $"risk-{Guid.NewGuid():N}"[..24];
        await api.RegisterAsync(ada);
        await api.RegisterAsync(bob);
        await SetInsightAsync(ada, new { name = risk, value = 0.25, label = "Low", source = "analytics" });
        await SetInsightAsync(ada, new { name = risk, value = 0.75, label = "High", source = "analytics" });
        await SetInsightAsync(ada, new { name = "value-tier", label = "VIP", source = "tiers" });
        await SetInsightAsync(bob, new { name = risk, value = 0.5, source = "analytics" });
        await api.WaitForReadModelAsync();

        var byName = await ReportClient.GetJsonAsync(api.Reader, $"api/reports/crm/insights?name={risk}");
        var ofAda = await ReportClient.GetJsonAsync(api.Reader, $"api/customers/{ada}/insights");
        var (_, csv) = await ReportClient.GetCsvAsync(api.Reader, $"api/reports/crm/insights?name={risk}");
        var (response, adaCsv) = await ReportClient.GetCsvAsync(api.Reader, $"api/customers/{ada}/insights", viaAccept: true);

        Assert.Equal(
            [[$"\"{ada}\"", "0.75", "\"High\"", "\"analytics\""], [$"\"{bob}\"", "0.5", "null", "\"analytics\""]],
            ReportClient.Rows(byName, "customerId", "value", "label", "source"));
        Assert.Equal(
            [[$"\"{risk}\"", "\"High\""], ["\"value-tier\"", "\"VIP\""]],
            ofAda.EnumerateArray().Select(i => new[] { i.GetProperty("name").GetRawText(), i.GetProperty("label").GetRawText() }));
        Assert.All(ofAda.EnumerateArray(), i => Assert.Equal(ada, i.GetProperty("customerId").GetString()));
        ReportClient.AssertSameAsJson(byName.GetProperty("columns"), byName.GetProperty("rows"), csv);
        Assert.Equal(["customerId", "name", "value", "label", "source", "updatedAt"], adaCsv[0]);
        Assert.Equal([$"{ada},{risk},0.75,High,analytics", $"{ada},value-tier,,VIP,tiers"], adaCsv.Skip(1).Select(r => string.Join(',', r.Take(5))));
        Assert.StartsWith("crm-insights-", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerInsights_NoInsights_EmptyList()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("plain"));
        await api.WaitForReadModelAsync();

        var insights = await ReportClient.GetJsonAsync(api.Reader, $"api/customers/{id}/insights");

        Assert.Empty(insights.EnumerateArray());
    }

    private async Task SetInsightAsync(string id, object insight) =>
        await (await api.Agent.PostJsonAsync($"api/customers/{id}/insights", Http.Json(insight))).ExpectAsync(HttpStatusCode.OK);
}
