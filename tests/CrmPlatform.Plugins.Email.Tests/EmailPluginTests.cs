using System.Reflection;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Plugins.Email.Tests;

public sealed class EmailPluginTests
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Assembly_HasOnePluginOneChannelAndOneInbound()
    {
        var types = typeof(EmailPlugin).Assembly.GetExportedTypes();

        Assert.Equal([typeof(EmailPlugin)], types.Where(t => typeof(IPlugin).IsAssignableFrom(t)));
        Assert.Equal([typeof(EmailChannel)], types.Where(t => typeof(IChannel).IsAssignableFrom(t)));
        Assert.Equal([typeof(EmailInbound)], types.Where(t => typeof(IChannelInbound).IsAssignableFrom(t)));
    }

    [Fact]
    public void PluginJson_DescribesTheEmailChannel()
    {
        var json = File.ReadAllText(Path.Combine(PluginFolder(), PluginManifest.FileName));

        var manifest = JsonSerializer.Deserialize<PluginManifest>(json, ManifestJson)!;

        Assert.Equal("crm.email", manifest.Id);
        Assert.Equal("[1.1.0, 2.0.0)", manifest.SdkVersion);
        Assert.Equal("CrmPlatform.Plugins.Email.dll", manifest.EntryAssembly);
        Assert.Equal([PluginCapabilities.Channel], manifest.Capabilities);
        Assert.Equal(["crm.customer.message-requested.v1"], manifest.Events);
        Assert.Empty(manifest.Permissions);
        Assert.Equal(typeof(EmailPlugin).Assembly.GetName().Version!.ToString(3), manifest.Version);
    }

    [Fact]
    public void PluginFolder_HoldsThePluginAndMailKitButNotTheSdk()
    {
        var files = Directory.GetFiles(PluginFolder()).Select(Path.GetFileName).ToArray();

        Assert.Contains("plugin.json", files);
        Assert.Contains("CrmPlatform.Plugins.Email.dll", files);
        Assert.Contains("MailKit.dll", files);
        Assert.Contains("MimeKit.dll", files);
        Assert.DoesNotContain("CrmPlatform.Sdk.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
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
        var configuration = typeof(EmailPluginTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var folder = Path.Combine(root.FullName, "plugins", "CrmPlatform.Plugins.Email", "bin", configuration, "net10.0");
        Assert.True(Directory.Exists(folder), $"Build the plugin first: {folder} is missing.");
        return folder;
    }
}
