using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Channels.WebChat;

/// <summary>The platform with its bundled web chat plugin configured and enabled, and what a visitor's browser and an agent do with it.</summary>
internal sealed class WebChatHost : IAsyncDisposable
{
    /// <summary>The web chat tests run one class at a time: each starts whole hosts, and the machine has two cores.</summary>
    public const string Collection = "web chat";

    public const string PluginId = "crm.webchat";
    public const string TokenSecret = "token-secret-of-the-host-tests-0123";
    public const string IdentitySecret = "identity-secret-shared-with-the-site";

    private readonly string? _ownedDirectory;

    private WebChatHost(CrmTestHost host, string? ownedDirectory)
    {
        Host = host;
        _ownedDirectory = ownedDirectory;
    }

    public CrmTestHost Host { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Starts a host, or (with <paramref name="joining"/>) another host of the same cluster, sharing its admin key and configured plugin.</summary>
    public static async Task<WebChatHost> StartAsync(IEnumerable<string>? extraArgs = null, WebChatHost? joining = null)
    {
        var configure = joining is null;
        string? dataDirectory = null;
        if (joining is not null)
        {
            // The cluster's key store already has the admin key, so the joining host writes no key file: it gets the first host's.
            dataDirectory = CrmTestHost.CreateTempDirectory();
            File.Copy(joining.Host.AdminKeyPath, Path.Combine(dataDirectory, Path.GetFileName(joining.Host.AdminKeyPath)));
        }

        var host = await CrmTestHost.StartAsync(
            dataDirectory, ["--Crm:Plugins:ReconcileInterval=00:00:00.200", "--Crm:Plugins:BundledPlugins=crm.webchat", "--Crm:Channels:Live:Heartbeat=00:00:01", .. extraArgs ?? []]);

        try
        {
            await WaitUntilAsync(async () => (await host.Admin.GetAsync($"api/plugins/{PluginId}", Cancel)).StatusCode == HttpStatusCode.OK, "the bundled web chat plugin is installed");
            if (!configure)
            {
                await WaitUntilAsync(
                    async () => (await host.Admin.GetFromJsonAsync<JsonElement>("api/channels", Cancel)).EnumerateArray().Any(c => c.GetProperty("name").GetString() == "webchat"),
                    "the webchat channel is enabled on the joining host");
                return new WebChatHost(host, dataDirectory);
            }

            var settings = new { tokenSecret = TokenSecret, identitySecret = IdentitySecret };
            // The plugin declares its settings once it is loaded, shortly after it is installed.
            await WaitUntilAsync(
                async () => (await host.Admin.PutAsJsonAsync($"api/plugins/{PluginId}/settings", settings, Cancel)).StatusCode == HttpStatusCode.NoContent,
                "the web chat plugin takes its settings");
            Assert.Equal(HttpStatusCode.OK, (await host.Admin.PostAsync($"api/plugins/{PluginId}/enable", null, Cancel)).StatusCode);
            await WaitUntilAsync(
                async () => (await host.Admin.GetFromJsonAsync<JsonElement>("api/channels", Cancel)).EnumerateArray().Any(c => c.GetProperty("name").GetString() == "webchat"),
                "the webchat channel is enabled");
            return new WebChatHost(host, dataDirectory);
        }
        catch
        {
            await new WebChatHost(host, dataDirectory).DisposeAsync();
            throw;
        }
    }

    /// <summary>What the site's back end computes for an identify call.</summary>
    public static string SiteSignature(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(IdentitySecret), Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    /// <summary>A visitor's start request, as the widget sends it.</summary>
    public async Task<(string VisitorId, string Token)> StartVisitorAsync(object? body = null)
    {
        var response = await PostInboundAsync(body ?? new { type = "start" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return (started.GetProperty("visitorId").GetString()!, started.GetProperty("token").GetString()!);
    }

    public Task<HttpResponseMessage> PostInboundAsync(object body) =>
        Host.Anonymous.PostAsync("channels/webchat/inbound", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "text/plain"), Cancel);

    /// <summary>The customer the platform linked the visitor to, once its first message is recorded.</summary>
    public async Task<string> CustomerOfAsync(string visitorId)
    {
        string? customer = null;
        await WaitUntilAsync(async () => (customer = await Host.GetService<IChannelStore>().FindIdentityAsync("webchat", visitorId, Cancel)) is not null, $"visitor {visitorId} is linked");
        return customer!;
    }

    /// <summary>An agent's reply through the API.</summary>
    public async Task ReplyAsync(string customerId, string text)
    {
        var response = await Host.Admin.PostAsJsonAsync($"api/customers/{customerId}/messages", new { channel = "webchat", text }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The types and texts on the customer's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> TimelineAsync(string customerId)
    {
        var page = await Host.Admin.GetFromJsonAsync<JsonElement>($"api/customers/{customerId}/timeline?limit=100", Cancel);
        return [.. page.GetProperty("items").EnumerateArray().Reverse()];
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50, Cancel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            CrmTestHost.TryDelete(_ownedDirectory);
        }
    }
}
