using System.Reflection;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Plugins.WebChat.Tests;

public sealed class WebChatPluginTests
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromManifestFile_ComposesAChannelAndALiveInboundNamedWebchat()
    {
        await using var host = PluginTestHost.FromManifestFile<WebChatPlugin>();
        using var scope = host.Services.CreateScope();

        var channel = Assert.IsType<WebChatChannel>(Assert.Single(scope.ServiceProvider.GetServices<IChannel>()));
        Assert.Equal("webchat", channel.Descriptor.Name);
        Assert.Equal(ChannelAddressKind.ChannelIdentity, channel.Descriptor.AddressKind);
        Assert.Equal("webchat", Assert.IsAssignableFrom<ILiveChannel>(Assert.Single(scope.ServiceProvider.GetServices<IChannelInbound>())).ChannelName);
    }

    [Fact]
    public async Task SendAsync_ToAVisitor_IsSentUnderAnIdDerivedFromTheMessage()
    {
        await using var host = PluginTestHost.FromManifestFile<WebChatPlugin>();

        var first = await host.SendAsync("webchat", Message("v-0123456789abcdef0123456789abcdef", "Hello!", attempt: 1), Cancel);
        var retry = await host.SendAsync("webchat", Message("v-0123456789abcdef0123456789abcdef", "Hello!", attempt: 2), Cancel);

        Assert.Equal(SendStatus.Sent, first.Status);
        Assert.Equal("wc-m-1", first.ProviderMessageId);
        Assert.Equal(first.ProviderMessageId, retry.ProviderMessageId);
    }

    [Theory]
    [InlineData("ada@example.com", "Hello!")]
    [InlineData("v-0123456789abcdef0123456789abcdef", null)]
    public async Task SendAsync_NotAVisitorOrNoText_FailsPermanently(string recipient, string? text)
    {
        await using var host = PluginTestHost.FromManifestFile<WebChatPlugin>();

        var result = await host.SendAsync("webchat", Message(recipient, text), Cancel);

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
    }

    [Fact]
    public void PluginJson_DescribesTheWebChatChannelPlugin()
    {
        var manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(Path.Combine(PluginFolder(), PluginManifest.FileName)), ManifestJson)!;

        Assert.Equal("crm.webchat", manifest.Id);
        Assert.Equal("[1.1.0, 2.0.0)", manifest.SdkVersion);
        Assert.Equal("CrmPlatform.Plugins.WebChat.dll", manifest.EntryAssembly);
        Assert.Equal([PluginCapabilities.Channel], manifest.Capabilities);
        Assert.Equal(["crm.customer.message-requested.v1"], manifest.Events);
        Assert.Equal(typeof(WebChatPlugin).Assembly.GetName().Version!.ToString(3), manifest.Version);
    }

    [Fact]
    public void PluginFolder_HoldsOnlyThePluginAssembly()
    {
        var files = Directory.GetFiles(PluginFolder()).Select(Path.GetFileName).ToArray();

        Assert.Contains("plugin.json", files);
        Assert.Equal(["CrmPlatform.Plugins.WebChat.dll"], files.Where(f => f!.EndsWith(".dll", StringComparison.Ordinal)));
    }

    private static OutboundMessage Message(string recipient, string? text, int attempt = 1) => new(
        "m-1", "c-1:m-1", recipient, text, null, new Dictionary<string, string>(), Customer(), attempt);

    private static CustomerSnapshot Customer() => new()
    {
        Id = "c-1",
        Version = 1,
        Kind = CustomerKind.Person,
        DisplayName = "Ada Lovelace",
        Emails = [],
        Phones = [],
        Attributes = new Dictionary<string, JsonElement>(),
        Stage = LifecycleStage.Prospect,
        OrderCount = 0,
        Revenue = new Dictionary<string, decimal>(),
        Consent = new Dictionary<string, bool>(),
        Tags = [],
        Insights = new Dictionary<string, InsightValue>(),
        RegisteredAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static string PluginFolder()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CrmPlatform.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var configuration = typeof(WebChatPluginTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var folder = Path.Combine(root.FullName, "plugins", "CrmPlatform.Plugins.WebChat", "bin", configuration, "net10.0");
        Assert.True(Directory.Exists(folder), $"Build the plugin first: {folder} is missing.");
        return folder;
    }
}
