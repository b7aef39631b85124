using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Plugins.Email;

/// <summary>
/// The email channel plugin as it ships: bundled beside the host with MailKit in its own folder,
/// installed disabled at start-up, configured (secrets masked) and enabled through the API.
/// </summary>
public sealed class BundledEmailTests
{
    private const string PluginId = "crm.email";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Email_BundledWithTheHost_InstalledDisabledThenConfiguredAndRunning()
    {
        await using var host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.email"]);

        var plugin = await WaitForPluginAsync(host, Loaded);
        Assert.False(plugin.GetProperty("enabled").GetBoolean());
        Assert.Equal("disabled", plugin.GetProperty("status").GetString());

        var settings = new
        {
            host = "127.0.0.1",
            port = 2525,
            security = "none",
            userName = "crm",
            password = "smtp-password",
            fromAddress = "crm@shop.example",
            templates = new[] { new { name = "welcome", subject = "Welcome, {{firstName}}", textBody = "Hello {{firstName}}" } },
            inboundSecret = "inbound-secret-0123456789",
        };
        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.PutAsJsonAsync($"api/plugins/{PluginId}/settings", settings, Cancel)).StatusCode);
        var shown = await host.Admin.GetFromJsonAsync<JsonElement>($"api/plugins/{PluginId}/settings", Cancel);
        Assert.Equal("********", shown.GetProperty("password").GetString());
        Assert.Equal("********", shown.GetProperty("inboundSecret").GetString());
        Assert.Equal("crm@shop.example", shown.GetProperty("fromAddress").GetString());

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PostAsync($"api/plugins/{PluginId}/enable", null, Cancel)).StatusCode);
        var running = await WaitForPluginAsync(host, p => p.GetProperty("status").GetString() == "running");
        Assert.True(running.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Email_BadSettings_AreRefusedNamingTheField()
    {
        await using var host = await CrmTestHost.StartAsync(extraArgs: ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.email"]);
        await WaitForPluginAsync(host, Loaded);

        var response = await host.Admin.PutAsJsonAsync(
            $"api/plugins/{PluginId}/settings",
            new { fromAddress = "crm@shop.example", templates = new[] { new { name = "t", subject = "s", htmlBody = "<p>{{shoeSize}}</p>" } } },
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("templates[0].htmlBody", await response.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Loaded(JsonElement plugin) => plugin.GetProperty("status").GetString() != "loading";

    private static async Task<JsonElement> WaitForPluginAsync(CrmTestHost host, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await host.Admin.GetAsync($"api/plugins/{PluginId}", Cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var plugin = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
                if (condition(plugin))
                {
                    return plugin;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"The bundled plugin {PluginId} did not reach the expected state: {await response.Content.ReadAsStringAsync(Cancel)}");
            await Task.Delay(50, Cancel);
        }
    }
}
