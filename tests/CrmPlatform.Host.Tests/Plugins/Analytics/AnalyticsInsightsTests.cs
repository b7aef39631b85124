using CrmPlatform.Host.Tests.Infrastructure;
using static CrmPlatform.Host.Tests.Plugins.Analytics.AnalyticsHost;

namespace CrmPlatform.Host.Tests.Plugins.Analytics;

/// <summary>
/// The bundled analytics plugin in a real host: a customer's event becomes an insight visible on
/// GET /api/customers/{id}, and time-dependent insights follow the host's clock. How soon is printed
/// as a diagnostic; the benchmark's plugin phase is where that latency is measured and judged.
/// </summary>
public sealed class AnalyticsInsightsTests
{
    [Fact]
    public async Task Order_OnAnEnabledPlugin_LifetimeValueBecomesVisible()
    {
        await using var host = await StartEnabledAsync();
        await PostAsync(host, "api/customers", new { id = "c-warm", kind = "person", firstName = "Warm", lastName = "Up" });
        await WaitForInsightAsync(host, "c-warm", "clv-predicted", _ => true);
        var latencies = new List<TimeSpan>();

        for (var i = 0; i < 5; i++)
        {
            var id = $"c-{i}";
            await PostAsync(host, "api/customers", new { id, kind = "person", firstName = "Ada", lastName = "Lovelace" });
            await WaitForInsightAsync(host, id, "clv-historical", insight => Value(insight) == 0);
            await PostAsync(host, $"api/customers/{id}/orders", new { orderId = $"o-{i}", currency = "EUR", lines = new[] { new { sku = "kit", quantity = 1, unitPrice = 100 + i } } });
            latencies.Add(await WaitForInsightAsync(host, id, "clv-historical", insight => Value(insight) == 100 + i));
        }

        TestContext.Current.SendDiagnosticMessage($"Order → clv-historical visible: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))}");
        var insight = (await InsightAsync(host, "c-4", "clv-historical"))!.Value;
        Assert.Equal(PluginId, insight.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Refresh_ThenTimePasses_RfmRecencyDropsOnTheNextEvent()
    {
        var time = new ShiftableTimeProvider();
        await using var host = await StartEnabledAsync(time);
        for (var i = 1; i <= 5; i++)
        {
            await PostAsync(host, "api/customers", new { id = $"r-{i}", kind = "person", firstName = "R", lastName = $"{i}" });
            await PostAsync(host, $"api/customers/r-{i}/orders", new { orderId = $"o-{i}", currency = "EUR", lines = new[] { new { sku = "kit", quantity = 1, unitPrice = 100 * i } } });
            time.Shift(TimeSpan.FromDays(10));
        }

        await WaitForInsightAsync(host, "r-5", "clv-historical", insight => Value(insight) == 500);
        await WaitForLagZeroAsync(host);
        await RunJobAsync(host, "refresh");

        Assert.Equal("vip", Label((await InsightAsync(host, "r-5", "value-tier"))!.Value));
        Assert.Equal("515", Label((await InsightAsync(host, "r-5", "rfm"))!.Value));
        Assert.Equal("111", Label((await InsightAsync(host, "r-1", "rfm"))!.Value));

        time.Shift(TimeSpan.FromDays(100));
        await PostAsync(host, "api/customers/r-5/interactions", new { channel = "phone", direction = "inbound", subject = "Still there?" });
        var elapsed = await WaitForInsightAsync(host, "r-5", "rfm", insight => Label(insight) == "115");

        TestContext.Current.SendDiagnosticMessage($"Interaction → rfm visible: {elapsed.TotalMilliseconds:0} ms");
    }
}
