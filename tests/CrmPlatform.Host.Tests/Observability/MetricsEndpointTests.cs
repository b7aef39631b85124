using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CrmPlatform.Host.Security;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Observability;

/// <summary>
/// The platform's meter is process-wide and this project runs many hosts in one process: the class
/// runs alone (no other host issues commands meanwhile), and its host's exporter only counts what
/// is recorded after it starts, so the figures are exact.
/// </summary>
[Collection(nameof(MetricsEndpointTests))]
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_AfterCommands_ShowCommandsEventsAppendLatencyBatchesAndLag()
    {
        await using var host = await CrmTestHost.StartAsync();
        using var admin = host.CreateClient(await File.ReadAllTextAsync(host.AdminKeyPath, TestContext.Current.CancellationToken) is var key ? key.Trim() : null);
        for (var i = 0; i < 3; i++)
        {
            await (await admin.PostJsonAsync("api/customers", Http.Json(new { id = $"metrics-{i}", firstName = "Metric" }))).ExpectAsync(HttpStatusCode.Created);
        }

        await (await admin.PostJsonAsync("api/customers/metrics-0/orders", Http.Json(new { orderId = "o-1", amount = 5m, currency = "EUR" }))).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("api/customers/metrics-0/stage", Http.Json(new { to = "prospect", reason = "not allowed" }))).ExpectProblemAsync(HttpStatusCode.Conflict);

        var reader = await host.GetService<ApiKeyStore>().CreateAsync("metrics reader", ApiKeyRole.Reader, TestContext.Current.CancellationToken);
        using var scraper = host.CreateClient(reader.Key);
        var text = await ScrapeAsync(scraper);

        Assert.Equal(3, Value(text, """crm_commands_total{otel_scope_name="CrmPlatform",command="RegisterCustomer",status="Accepted"}"""));
        Assert.Equal(1, Value(text, """crm_commands_total{otel_scope_name="CrmPlatform",command="PlaceOrder",status="Accepted"}"""));
        Assert.Equal(1, Value(text, """crm_commands_total{otel_scope_name="CrmPlatform",command="ChangeStage",status="Conflict"}"""));
        Assert.Equal(5, Value(text, """crm_events_appended_total{otel_scope_name="CrmPlatform"}"""));
        Assert.Equal(4, Value(text, """crm_eventlog_append_duration_milliseconds_count{otel_scope_name="CrmPlatform"}"""));
        Assert.Equal(5, Value(text, """crm_eventlog_batch_size_sum{otel_scope_name="CrmPlatform"}"""));
        Assert.Matches(new Regex(@"^crm_readmodel_lag\{[^}]*\} \d+", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^crm_readmodel_parked\{[^}]*\} 0\b", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^http_server_request_duration_seconds_count\{", RegexOptions.Multiline), text);
    }

    [Fact]
    public async Task Metrics_WithoutAKey_Returns401()
    {
        await using var host = await CrmTestHost.StartAsync();

        var response = await host.Anonymous.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithManagementUrl_ServedThereWithoutAKeyAndNotOnTheMainAddress()
    {
        var managementUrl = new Uri($"http://127.0.0.1:{CrmTestHost.FreeTcpPort()}/");
        await using var host = await CrmTestHost.StartAsync(extraArgs: [$"--Crm:Telemetry:ManagementUrl={managementUrl}"]);
        await (await host.Admin.PostJsonAsync("api/customers", Http.Json(new { id = "managed-0", firstName = "Metric" }))).ExpectAsync(HttpStatusCode.Created);
        using var management = new HttpClient { BaseAddress = managementUrl };

        var scraped = await ScrapeAsync(management);
        var mainWithKey = await host.Admin.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var mainAnonymous = await host.Anonymous.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(1, Value(scraped, """crm_commands_total{otel_scope_name="CrmPlatform",command="RegisterCustomer",status="Accepted"}"""));
        Assert.Equal(HttpStatusCode.NotFound, mainWithKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mainAnonymous.StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    private static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No series {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
