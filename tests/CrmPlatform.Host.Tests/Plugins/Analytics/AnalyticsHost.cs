using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Analytics;

/// <summary>A real host with the bundled analytics plugin enabled, and the calls the analytics tests make.</summary>
internal static class AnalyticsHost
{
    public const string PluginId = "crm.analytics";

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Starts a host, waits for the bundled plugin (installed disabled) and enables it.</summary>
    public static async Task<CrmTestHost> StartEnabledAsync(TimeProvider? time = null, IEnumerable<string>? extraArgs = null)
    {
        var host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.analytics", .. extraArgs ?? []], time: time);
        try
        {
            var plugin = await WaitForPluginAsync(host);
            Assert.False(plugin.GetProperty("enabled").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, (await host.Admin.PostAsync($"api/plugins/{PluginId}/enable", null, Cancel)).StatusCode);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public static async Task PostAsync(CrmTestHost host, string url, object body)
    {
        using var response = await host.Admin.PostAsJsonAsync(url, body, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"POST {url} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    /// <summary>Runs a job of the plugin on demand and returns its outcome.</summary>
    public static async Task<JsonElement> RunJobAsync(CrmTestHost host, string job)
    {
        using var response = await host.Admin.PostAsync($"api/plugins/{PluginId}/jobs/{job}/run", null, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Running {job}: {(int)response.StatusCode} {body}");
        var outcome = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(outcome.GetProperty("succeeded").GetBoolean(), $"Job {job} failed: {body}");
        return outcome;
    }

    /// <summary>The customer's insight as the API shows it, or null.</summary>
    public static async Task<JsonElement?> InsightAsync(CrmTestHost host, string customerId, string name)
    {
        var customer = await host.Admin.GetFromJsonAsync<JsonElement>($"api/customers/{customerId}", Cancel);
        return customer.TryGetProperty("insights", out var insights) && insights.TryGetProperty(name, out var insight) ? insight : null;
    }

    /// <summary>Polls GET /api/customers/{id} until the insight satisfies <paramref name="accept"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitForInsightAsync(CrmTestHost host, string customerId, string name, Func<JsonElement, bool> accept, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await InsightAsync(host, customerId, name) is { } insight && accept(insight))
            {
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed < limit, $"Insight {name} of {customerId} did not appear: {await InsightAsync(host, customerId, name)}");
            await Task.Delay(10, Cancel);
        }
    }

    /// <summary>
    /// Waits until the plugin's subscription has no event left to deliver: every handler has finished (an insight
    /// can show before the handler that wrote it has saved the customer's features).
    /// </summary>
    public static async Task WaitForLagZeroAsync(CrmTestHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var lag = await host.Admin.GetFromJsonAsync<JsonElement>($"api/plugins/{PluginId}/subscription", Cancel);
            if (lag.GetProperty("eventsBehind").GetInt64() == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The plugin stayed behind: {lag}");
            await Task.Delay(20, Cancel);
        }
    }

    /// <summary>The label of an insight the API shows.</summary>
    public static string? Label(JsonElement insight) => insight.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;

    /// <summary>The value of an insight the API shows.</summary>
    public static double? Value(JsonElement insight) => insight.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static async Task<JsonElement> WaitForPluginAsync(CrmTestHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await host.Admin.GetAsync($"api/plugins/{PluginId}", Cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            }

            Assert.True(DateTime.UtcNow < deadline, $"The bundled plugin {PluginId} was not installed at start-up.");
            await Task.Delay(50, Cancel);
        }
    }
}
