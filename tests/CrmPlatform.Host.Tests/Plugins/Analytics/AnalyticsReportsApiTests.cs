using System.Net.Http.Json;
using System.Text.Json;
using static CrmPlatform.Host.Tests.Plugins.Analytics.AnalyticsHost;

namespace CrmPlatform.Host.Tests.Plugins.Analytics;

/// <summary>The analytics plugin's reports through the platform's report API, after a refresh run on demand.</summary>
public sealed class AnalyticsReportsApiTests
{
    [Fact]
    public async Task GetReport_AfterRefresh_ValueTiersAndRfmAddUpToTheCustomers()
    {
        await using var host = await StartEnabledAsync();
        for (var i = 1; i <= 12; i++)
        {
            await PostAsync(host, "api/customers", new { id = $"v-{i:D2}", kind = "person", firstName = "V", lastName = $"{i}" });
            await PostAsync(host, $"api/customers/v-{i:D2}/orders", new
            {
                orderId = $"o-{i}", currency = "EUR",
                lines = new[] { new { sku = "kit", quantity = 1, unitPrice = 10 * i }, new { sku = i % 2 == 0 ? "manual" : "gloves", quantity = 1, unitPrice = 5 } },
            });
        }

        await WaitForInsightAsync(host, "v-12", "clv-historical", insight => Value(insight) == 125);
        await WaitForLagZeroAsync(host);
        await RunJobAsync(host, "refresh");

        var tiers = await host.Admin.GetFromJsonAsync<JsonElement>("api/reports/crm.analytics/value-tiers", Cancel);
        var rfm = await host.Admin.GetFromJsonAsync<JsonElement>("api/reports/crm.analytics/rfm", Cancel);
        var offers = await host.Admin.GetFromJsonAsync<JsonElement>("api/reports/crm.analytics/next-best-offers?limit=3", Cancel);
        var csv = await host.Admin.GetStringAsync(new Uri("api/reports/crm.analytics/value-tiers?view=pareto&format=csv", UriKind.Relative), Cancel);

        Assert.Equal(["vip", "key", "ordinary", "small"], tiers.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("tier").GetString()));
        Assert.Equal(12, tiers.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("customers").GetInt32()));
        Assert.Equal(12, rfm.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("customers").GetInt32()));
        Assert.Equal(3, offers.GetProperty("rows").GetArrayLength());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("customerShare,revenueShare", lines[0]);
        Assert.Equal(14, lines.Length);
        Assert.Equal("1,1", lines[^1]);
    }
}
