using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Unsubscribed;

/// <summary>A test plugin whose handler is for an event its manifest does not subscribe to.</summary>
public sealed class UnsubscribedPlugin : IPlugin
{
    public static PluginManifest Manifest(params string[] events) => new()
    {
        Id = "tests.unsubscribed",
        Version = "1.0.0",
        SdkVersion = "[1.0.0, 2.0.0)",
        EntryAssembly = "CrmPlatform.Sdk.Tests.dll",
        Events = events,
    };

    public void Configure(IPluginBuilder builder)
    {
    }
}
