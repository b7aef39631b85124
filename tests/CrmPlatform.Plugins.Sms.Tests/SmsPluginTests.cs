using System.Reflection;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.Sms.Tests;

public sealed class SmsPluginTests
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task FromManifestFile_ComposesOneChannelAndOneInboundNamedSms()
    {
        await using var host = PluginTestHost.FromManifestFile<SmsPlugin>();
        using var scope = host.Services.CreateScope();

        Assert.Equal("sms", Assert.IsType<SmsChannel>(Assert.Single(scope.ServiceProvider.GetServices<IChannel>())).Descriptor.Name);
        Assert.Equal("sms", Assert.IsType<SmsInbound>(Assert.Single(scope.ServiceProvider.GetServices<IChannelInbound>())).ChannelName);
        Assert.IsType<TwilioSmsProvider>(scope.ServiceProvider.GetRequiredService<ISmsProvider>());
    }

    [Fact]
    public async Task HttpClient_IsSharedAndDisposedWithThePluginContainer()
    {
        var host = PluginTestHost.FromManifestFile<SmsPlugin>();
        var client = host.Services.GetRequiredService<HttpClient>();
        Assert.Same(client, host.Services.GetRequiredService<HttpClient>());

        await host.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => client.GetAsync(new Uri("http://127.0.0.1:1/"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void PluginJson_DescribesTheSmsChannelPlugin()
    {
        var json = File.ReadAllText(Path.Combine(PluginFolder(), PluginManifest.FileName));

        var manifest = JsonSerializer.Deserialize<PluginManifest>(json, ManifestJson)!;

        Assert.Equal("crm.sms", manifest.Id);
        Assert.Equal("SMS", manifest.Name);
        Assert.Equal("[1.1.0, 2.0.0)", manifest.SdkVersion);
        Assert.Equal("CrmPlatform.Plugins.Sms.dll", manifest.EntryAssembly);
        Assert.Equal([PluginCapabilities.Channel], manifest.Capabilities);
        Assert.Equal(["crm.customer.message-requested.v1"], manifest.Events);
        Assert.Empty(manifest.Permissions);
        Assert.Equal(typeof(SmsPlugin).Assembly.GetName().Version!.ToString(3), manifest.Version);
    }

    [Fact]
    public void PluginFolder_HoldsThePluginAndThePhoneNumberLibraryButNotTheSdk()
    {
        var files = Directory.GetFiles(PluginFolder()).Select(Path.GetFileName).ToArray();

        Assert.Contains("plugin.json", files);
        Assert.Equal(
            ["CrmPlatform.Plugins.Sms.dll", "PhoneNumbers.dll"],
            files.Where(f => f!.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
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
        var configuration = typeof(SmsPluginTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var folder = Path.Combine(root.FullName, "plugins", "CrmPlatform.Plugins.Sms", "bin", configuration, "net10.0");
        Assert.True(Directory.Exists(folder), $"Build the plugin first: {folder} is missing.");
        return folder;
    }
}
