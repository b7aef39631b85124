using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Host.Tests.Plugins.Webhooks;

/// <summary>
/// The outbound webhooks plugin as it ships: bundled beside the host, installed disabled at start-up,
/// configured and enabled through the API, delivering signed events to a real HTTP receiver.
/// </summary>
public sealed class BundledWebhooksTests
{
    private const string PluginId = "crm.webhooks";
    private const string Secret = "a-long-enough-webhook-secret";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhooks_BundledWithTheHost_InstalledDisabledUntilConfigured()
    {
        await using var host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.webhooks"]);

        var plugin = await WaitForPluginAsync(host);

        Assert.False(plugin.GetProperty("enabled").GetBoolean());
        Assert.Equal("disabled", plugin.GetProperty("status").GetString());
        Assert.Equal(["*"], plugin.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Webhooks_ConfiguredAndEnabled_PostsEachMatchingEventSignedWithTheSecret()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.webhooks"]);
        await WaitForPluginAsync(host);
        var settings = new
        {
            endpoints = new[] { new { name = "erp", url = receiver.Url, secret = Secret, events = new[] { "crm.customer.registered.v1", "crm.customer.tags-changed.v1" } } },
        };
        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.PutAsJsonAsync($"api/plugins/{PluginId}/settings", settings, Cancel)).StatusCode);
        var shown = await host.Admin.GetFromJsonAsync<JsonElement>($"api/plugins/{PluginId}/settings", Cancel);
        Assert.Equal("********", shown.GetProperty("endpoints")[0].GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PostAsync($"api/plugins/{PluginId}/enable", null, Cancel)).StatusCode);

        await PostAsync(host, "api/customers", new { id = "c-hook", kind = "person", firstName = "Ada", lastName = "Lovelace" });
        await PostAsync(host, "api/customers/c-hook/interactions", new { channel = "phone", direction = "inbound", subject = "Hello" });
        await PostAsync(host, "api/customers/c-hook/tags", new { add = new[] { "vip" } });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Requests.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        await Task.Delay(300, Cancel);
        Assert.Equal(["crm.customer.registered.v1", "crm.customer.tags-changed.v1"], receiver.Requests.Select(r => r.Headers["X-Crm-Event-Type"]));
        foreach (var request in receiver.Requests)
        {
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{request.Headers["X-Crm-Webhook-Timestamp"]}.{request.Body}")));
            Assert.Equal(expected, request.Headers["X-Crm-Signature"]);
            using var body = JsonDocument.Parse(request.Body);
            Assert.Equal("c-hook", body.RootElement.GetProperty("customerId").GetString());
            Assert.Equal(request.Headers["X-Crm-Event-Id"], body.RootElement.GetProperty("id").GetString());
        }
    }

    private static async Task PostAsync(CrmTestHost host, string url, object body) =>
        Assert.True((await host.Admin.PostAsJsonAsync(url, body, Cancel)).IsSuccessStatusCode, $"POST {url} failed.");

    private static async Task<JsonElement> WaitForPluginAsync(CrmTestHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await host.Admin.GetAsync($"api/plugins/{PluginId}", Cancel);
            // Installed in the catalog first, then picked up by the runtime ("loading" until then).
            if (response.StatusCode == HttpStatusCode.OK
                && await response.Content.ReadFromJsonAsync<JsonElement>(Cancel) is var plugin
                && plugin.GetProperty("status").GetString() != "loading")
            {
                return plugin;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The bundled plugin {PluginId} was not installed (and loaded) at start-up.");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>A real HTTP endpoint on loopback that records what it receives.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Received> _requests = new();

        private Receiver(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public IReadOnlyList<Received> Requests => [.. _requests];

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hooks", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                receiver._requests.Enqueue(new Received(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
                return Results.Ok();
            });
            await app.StartAsync(Cancel);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            receiver.Url = $"{address}/hooks";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    private sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);
}
