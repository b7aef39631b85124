using System.Reflection;
using System.Text.Json;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Jobs;
using CrmPlatform.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Webhooks.Tests;

public sealed class WebhooksPluginTests
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Configure_DeclaresTheSettingsAndOneHttpClient()
    {
        var builder = new RecordingBuilder();

        new WebhooksPlugin().Configure(builder);

        Assert.Equal([typeof(WebhookSettings)], builder.SettingsTypes);
        var registration = Assert.Single(builder.Services);
        Assert.Equal(typeof(HttpClient), registration.ServiceType);
        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
    }

    [Fact]
    public async Task Configure_HttpClient_IsSharedAndDisposedWithThePluginContainer()
    {
        var builder = new RecordingBuilder();
        new WebhooksPlugin().Configure(builder);
        var services = builder.Services.BuildServiceProvider();

        var client = services.GetRequiredService<HttpClient>();
        Assert.Same(client, services.GetRequiredService<HttpClient>());
        await services.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => client.GetAsync(new Uri("http://127.0.0.1:1/"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Assembly_HasOnePublicBatchHandlerAndOnePlugin()
    {
        var types = typeof(WebhooksPlugin).Assembly.GetExportedTypes();

        Assert.Equal([typeof(WebhooksPlugin)], types.Where(t => typeof(IPlugin).IsAssignableFrom(t)));
        Assert.Equal([typeof(WebhookDeliveryHandler)], types.Where(t => typeof(IBatchEventHandler).IsAssignableFrom(t)));
    }

    [Fact]
    public void PluginFolder_HoldsTheManifestAndNotTheSdk()
    {
        var folder = PluginFolder();
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToArray();

        Assert.Contains("plugin.json", files);
        Assert.Contains("CrmPlatform.Plugins.Webhooks.dll", files);
        Assert.DoesNotContain("CrmPlatform.Sdk.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.Equal(["CrmPlatform.Plugins.Webhooks.dll"], files.Where(f => f!.EndsWith(".dll", StringComparison.Ordinal)));
    }

    [Fact]
    public void PluginJson_DescribesTheWebhooksPlugin()
    {
        var json = File.ReadAllText(Path.Combine(PluginFolder(), PluginManifest.FileName));

        var manifest = JsonSerializer.Deserialize<PluginManifest>(json, ManifestJson)!;

        Assert.Equal("crm.webhooks", manifest.Id);
        Assert.Equal("1.0.0", manifest.Version);
        Assert.Equal("Outbound webhooks", manifest.Name);
        Assert.Equal("[1.0.0, 2.0.0)", manifest.SdkVersion);
        Assert.Equal("CrmPlatform.Plugins.Webhooks.dll", manifest.EntryAssembly);
        Assert.Equal([PluginCapabilities.EventHandler], manifest.Capabilities);
        Assert.Equal(["*"], manifest.Events);
        Assert.Empty(manifest.Permissions);
        Assert.Equal(
            typeof(WebhooksPlugin).Assembly.GetName().Version!.ToString(3),
            manifest.Version);
    }

    /// <summary>The plugin project's own build output (not this test's copy of it), same configuration.</summary>
    private static string PluginFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CrmPlatform.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var configuration = typeof(WebhooksPluginTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var folder = Path.Combine(root.FullName, "plugins", "CrmPlatform.Plugins.Webhooks", "bin", configuration, "net10.0");
        Assert.True(Directory.Exists(folder), $"Build the plugin first: {folder} is missing.");
        return folder;
    }

    private sealed class RecordingBuilder : IPluginBuilder
    {
        public PluginManifest Manifest { get; } = new()
        {
            Id = "crm.webhooks",
            Version = "1.0.0",
            SdkVersion = "[1.0.0, 2.0.0)",
            EntryAssembly = "CrmPlatform.Plugins.Webhooks.dll",
        };

        public IServiceCollection Services { get; } = new ServiceCollection();

        public List<Type> SettingsTypes { get; } = [];

        public IPluginBuilder UseSettings<TSettings>()
            where TSettings : class, new()
        {
            SettingsTypes.Add(typeof(TSettings));
            return this;
        }

        public IPluginBuilder AddScheduledJob<TJob>(string name, TimeSpan interval)
            where TJob : class, IScheduledJob =>
            throw new InvalidOperationException("The webhooks plugin has no jobs.");
    }
}
