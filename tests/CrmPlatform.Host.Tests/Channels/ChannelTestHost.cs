using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Host.Tests.Plugins.Runtime;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>
/// A real platform with the test channel plugin (channel <c>test</c>, addressed by phone) installed
/// under a fresh id, its sends written to a folder of this test, plus the steps the channel tests share.
/// </summary>
internal sealed class ChannelTestHost : IAsyncDisposable
{
    public const string Secret = "s3cret-for-tests";

    private static readonly string PluginFolder = Path.Combine(AppContext.BaseDirectory, "TestPlugins", "Channel");

    private ChannelTestHost(RuntimeHost runtime, string pluginId, string output)
    {
        Runtime = runtime;
        PluginId = pluginId;
        OutputFolder = output;
    }

    public RuntimeHost Runtime { get; }

    public string PluginId { get; }

    public string OutputFolder { get; }

    public HttpClient Admin => Runtime.Admin;

    public HttpClient Anonymous => Runtime.Host.Anonymous;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ChannelTestHost> StartAsync(int transientFailures = 0, params string[] extraArgs)
    {
        var runtime = await RuntimeHost.StartAsync(extraArgs);
        var id = $"channel-{Guid.NewGuid().ToString("N")[..12]}";
        var output = CrmTestHost.CreateTempDirectory();
        await runtime.InstallAsync(Package(id));
        await runtime.PutSettingsAsync(id, new { outputDirectory = output, transientFailures, secret = Secret });
        return new ChannelTestHost(runtime, id, output);
    }

    /// <summary>The test channel as plugin <paramref name="id"/>.</summary>
    public static byte[] Package(string id)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(PluginFolder, "plugin.json")))!.AsObject();
        manifest["id"] = id;
        var entries = Directory.EnumerateFiles(PluginFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(PluginFolder, path).Replace('\\', '/'))
            .Where(name => name != "plugin.json")
            .Select(name => (name, File.ReadAllBytes(Path.Combine(PluginFolder, name))))
            .Append(("plugin.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
        return ProbePackage.Zip(entries);
    }

    /// <summary>Registers a person with these contact points; returns nothing, asserts 201.</summary>
    public async Task RegisterAsync(string customerId, string? phone = "+44 20 7946 0000", string? email = null) =>
        await (await Admin.PostJsonAsync("api/customers", Http.Json(new
        {
            id = customerId,
            firstName = "Ada",
            lastName = "Lovelace",
            phones = phone is null ? Array.Empty<string>() : [phone],
            emails = email is null ? Array.Empty<string>() : [email],
        }))).ExpectAsync(HttpStatusCode.Created);

    public async Task GrantAsync(string customerId, string channel = "test") =>
        await (await Admin.PutJsonAsync($"api/customers/{customerId}/consent/{channel}", Http.Json(new { status = "granted", source = "test form" })))
            .ExpectAsync(HttpStatusCode.OK);

    public Task<HttpResponseMessage> SendAsync(string customerId, string text, string? idempotencyKey = null, string channel = "test") =>
        Admin.PostJsonAsync($"api/customers/{customerId}/messages", Http.Json(new { channel, text }), idempotencyKey);

    /// <summary>Posts a webhook request with the right secret (or <paramref name="secret"/>).</summary>
    public Task<HttpResponseMessage> InboundAsync(object body, string? secret = Secret, string channel = "test") =>
        InboundRawAsync(Http.Json(body), secret, channel);

    public Task<HttpResponseMessage> InboundRawAsync(string body, string? secret = Secret, string channel = "test")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"channels/{channel}/inbound")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Test-Secret", secret);
        }

        return Anonymous.SendAsync(request, Cancel);
    }

    /// <summary>The lines the channel wrote: one per send attempt.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Sends()
    {
        var path = Path.Combine(OutputFolder, $"{PluginId}.sends");
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (IReadOnlyDictionary<string, string>)line.Split('\t').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]))];
    }

    /// <summary>The customer's events, in order.</summary>
    public async Task<IReadOnlyList<EventEnvelope>> EventsOfAsync(string customerId) => await Runtime.EventsOfAsync(customerId);

    /// <summary>
    /// Waits until the customer has an event of type <typeparamref name="T"/> matching <paramref name="match"/>.
    /// When it times out the failure also says what the channel wrote and how the plugin stands, so
    /// a failure on a loaded machine can be told apart from a delivery that never ran.
    /// </summary>
    public async Task<IReadOnlyList<EventEnvelope>> WaitForAsync<T>(string customerId, Func<T, bool>? match = null) where T : ICustomerEvent
    {
        try
        {
            return await Eventually.UntilAsync(
                () => EventsOfAsync(customerId),
                events => events.Any(e => e.Event is T t && (match?.Invoke(t) ?? true)),
                events => $"{customerId} has no {typeof(T).Name}: {string.Join(", ", events.Select(e => e.Type))}");
        }
        catch (Xunit.Sdk.XunitException timeout)
        {
            var plugin = await Admin.GetAsync($"api/plugins/{PluginId}", Cancel);
            var letters = await Admin.GetAsync($"api/plugins/{PluginId}/dead-letters", Cancel);
            throw new Xunit.Sdk.XunitException(
                $"{timeout.Message}\nsends: {Sends().Count}\nplugin: {await plugin.Content.ReadAsStringAsync(Cancel)}\n" +
                $"dead letters: {await letters.Content.ReadAsStringAsync(Cancel)}");
        }
    }

    /// <summary>Waits until the read model has caught up with the log (inbound senders are found through it).</summary>
    public async Task WaitForReadModelAsync()
    {
        var head = await Runtime.Log.GetHeadPositionAsync(Cancel);
        await Runtime.Host.GetService<CrmPlatform.Host.Customers.ReadModel.ReadModelProjector>().WaitForAsync(head, TimeSpan.FromSeconds(30), Cancel);
    }

    public async Task<JsonElement> GetAsync(string url) => await Runtime.GetAsync(url);

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        CrmTestHost.TryDelete(OutputFolder);
    }
}
