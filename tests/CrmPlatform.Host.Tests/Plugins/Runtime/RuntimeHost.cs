using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>
/// A real platform (silo + Kestrel on loopback, SQLite in its own data directory) with the plugin
/// runtime tuned for tests — fast reconciling, short retries, three attempts — plus the steps the
/// plugin tests share. Each test starts its own, so plugins of one test never see another's events.
/// </summary>
internal sealed class RuntimeHost : IAsyncDisposable
{
    public static readonly string[] RuntimeArgs =
    [
        "--Crm:Plugins:ReconcileInterval=00:00:00.200",
        "--Crm:Plugins:RetryBaseDelay=00:00:00.020",
        "--Crm:Plugins:RetryMaxDelay=00:00:00.100",
        "--Crm:Plugins:MaxAttempts=3",
        "--Crm:Plugins:CheckpointInterval=00:00:00.100",
        "--Crm:Plugins:DeliveryTimeout=00:00:02",
        "--Crm:Plugins:HookTimeout=00:00:00.250",
        // The breaker is not under test here: failures the tests cause on purpose must not suspend a plugin.
        "--Crm:Plugins:BreakerMinimumThroughput=100000",
    ];

    private readonly List<string> _plugins = [];

    private RuntimeHost(CrmTestHost host)
    {
        Host = host;
        host.GetService<ILoggerFactory>().AddProvider(Logs);
    }

    public CrmTestHost Host { get; }

    public HttpClient Admin => Host.Admin;

    /// <summary>Everything logged since the host started serving.</summary>
    public CapturedLogs Logs { get; } = new();

    public IEventLog Log => Host.GetService<IEventLog>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<RuntimeHost> StartAsync(params string[] extraArgs)
    {
        var runtime = new RuntimeHost(await CrmTestHost.StartAsync(extraArgs: [.. RuntimeArgs, .. extraArgs]));
        try
        {
            await runtime.WaitForBundledPluginsAsync(BundledIds(extraArgs));
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until the plugins bundled with the host are installed (disabled) at start-up, so that tests comparing
    /// the plugin list before and after something see no start-up install in between.
    /// </summary>
    private async Task WaitForBundledPluginsAsync(string[] ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await GetAsync("api/plugins")).EnumerateArray().Select(p => p.GetProperty("id").GetString()).Intersect(ids).Count() < ids.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The bundled plugins {string.Join(", ", ids)} were not installed at start-up.");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>The bundled plugins the arguments ask for (none unless <c>--Crm:Plugins:BundledPlugins=…</c> names them).</summary>
    private static string[] BundledIds(IEnumerable<string> args) =>
        args.LastOrDefault(a => a.StartsWith("--Crm:Plugins:BundledPlugins=", StringComparison.Ordinal)) is { } arg
            ? arg["--Crm:Plugins:BundledPlugins=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(i => i != "none").ToArray()
            : [];

    /// <summary>The probe's output for a plugin id; deleted when the host goes.</summary>
    public ProbeOutput Output(string pluginId)
    {
        _plugins.Add(pluginId);
        return new ProbeOutput(pluginId);
    }

    public Task<HttpResponseMessage> SendPackageAsync(HttpMethod method, string url, byte[] package, string contentType = "application/zip")
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Admin.SendAsync(new HttpRequestMessage(method, url) { Content = content }, Cancel);
    }

    /// <summary>Installs a package and asserts 201 and "running"; returns the plugin as the API shows it.</summary>
    public async Task<JsonElement> InstallAsync(byte[] package)
    {
        var plugin = await (await SendPackageAsync(HttpMethod.Post, "api/plugins", package)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("running", plugin.GetProperty("status").GetString());
        return plugin;
    }

    /// <summary>Installs the probe as <paramref name="id"/>, gives it <paramref name="settings"/> (if any), and returns its output.</summary>
    public async Task<ProbeOutput> InstallProbeAsync(string id, object? settings = null, string version = "1.0.0")
    {
        var output = Output(id);
        await InstallAsync(ProbePackage.Build(id, version));
        if (settings is not null)
        {
            await PutSettingsAsync(id, settings);
        }

        return output;
    }

    public async Task PutSettingsAsync(string id, object settings) =>
        await (await Admin.PutJsonAsync($"api/plugins/{id}/settings", Http.Json(settings))).ExpectAsync(HttpStatusCode.NoContent);

    public async Task<JsonElement> GetAsync(string url) => await (await Admin.GetRouteAsync(url)).ExpectAsync(HttpStatusCode.OK);

    public async Task RegisterAsync(string customerId) =>
        await (await Admin.PostJsonAsync("api/customers", Http.Json(new { id = customerId, firstName = "Probe", lastName = "Customer" }))).ExpectAsync(HttpStatusCode.Created);

    public Task<HttpResponseMessage> PlaceOrderAsync(string customerId, string orderId, decimal amount) =>
        Admin.PostJsonAsync($"api/customers/{customerId}/orders", Http.Json(new { orderId, amount, currency = "EUR" }));

    public async Task RecordInteractionAsync(string customerId, string? subject = null) =>
        await (await Admin.PostJsonAsync($"api/customers/{customerId}/interactions", Http.Json(new { channel = "email", direction = "inbound", subject = subject ?? "Hello" })))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>Every event in the log, in log order.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> EventsAsync() => await Log.ReadAllAsync(null, 0, 1_000_000, Cancel);

    /// <summary>The events of the given customers, in log order.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> EventsOfAsync(params string[] customerIds) =>
        [.. (await EventsAsync()).Where(e => customerIds.Contains(e.CustomerId))];

    /// <summary>Waits until the probe has handled every one of <paramref name="events"/> at least once.</summary>
    public static async Task<IReadOnlyList<ProbeLine>> WaitUntilHandledAsync(ProbeOutput output, IEnumerable<EventEnvelope> events)
    {
        var wanted = events.Where(e => ProbePackage.HandledEvents.Contains(e.Type)).Select(e => e.EventId).ToHashSet();
        return await Eventually.UntilAsync(
            output.Handled,
            handled => wanted.IsSubsetOf(handled.Select(l => l.EventId)),
            handled => $"{output.PluginId} handled {wanted.Intersect(handled.Select(l => l.EventId)).Count()} of {wanted.Count} events.");
    }

    /// <summary>Waits until the plugin's subscription has nothing left to deliver.</summary>
    public Task<JsonElement> WaitForNoLagAsync(string id) =>
        Eventually.UntilAsync(
            () => GetAsync($"api/plugins/{id}/subscription"),
            lag => lag.GetProperty("eventsBehind").GetInt64() == 0,
            lag => $"{id} is still behind: {lag}");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        foreach (var id in _plugins)
        {
            new ProbeOutput(id).Delete();
        }
    }
}
