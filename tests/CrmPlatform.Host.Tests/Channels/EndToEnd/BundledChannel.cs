using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;

namespace CrmPlatform.Host.Tests.Channels.EndToEnd;

/// <summary>Configures and enables a channel plugin that ships with the host (installed disabled at start-up).</summary>
internal static class BundledChannel
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task EnableAsync(RuntimeHost host, string pluginId, object settings)
    {
        await WaitForAsync(host, pluginId, p => p.GetProperty("status").GetString() != "loading");
        await (await host.Admin.PutAsJsonAsync($"api/plugins/{pluginId}/settings", settings, Cancel)).ExpectAsync(HttpStatusCode.NoContent);
        await (await host.Admin.PostAsync($"api/plugins/{pluginId}/enable", null, Cancel)).ExpectAsync(HttpStatusCode.OK);
        await WaitForAsync(host, pluginId, p => p.GetProperty("status").GetString() == "running");
    }

    public static async Task RegisterAsync(RuntimeHost host, string customerId, string? email = null, string? phone = null) =>
        await (await host.Admin.PostJsonAsync("api/customers", Http.Json(new
        {
            id = customerId,
            firstName = "Ada",
            lastName = "Lovelace",
            emails = email is null ? Array.Empty<string>() : [email],
            phones = phone is null ? Array.Empty<string>() : [phone],
        }))).ExpectAsync(HttpStatusCode.Created);

    public static async Task GrantAsync(RuntimeHost host, string customerId, string channel) =>
        await (await host.Admin.PutJsonAsync($"api/customers/{customerId}/consent/{channel}", Http.Json(new { status = "granted", source = "signup form" })))
            .ExpectAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> SendAsync(RuntimeHost host, string customerId, object message) =>
        host.Admin.PostJsonAsync($"api/customers/{customerId}/messages", Http.Json(message));

    /// <summary>Waits for the plugin to be installed (start-up installs bundled plugins in the background) and to meet <paramref name="condition"/>.</summary>
    private static Task<JsonElement?> WaitForAsync(RuntimeHost host, string pluginId, Func<JsonElement, bool> condition) =>
        Eventually.UntilAsync(
            async () =>
            {
                using var response = await host.Admin.GetAsync($"api/plugins/{pluginId}", Cancel);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancel) : (JsonElement?)null;
            },
            p => p is { } plugin && condition(plugin),
            p => $"plugin {pluginId} is {(p is { } plugin ? plugin.GetProperty("status").ToString() : "not installed")}");
}
