using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Hooks;

/// <summary>A test plugin with command hooks only.</summary>
public sealed class HookPlugin : IPlugin
{
    public static PluginManifest Manifest(params string[] permissions) => new()
    {
        Id = "tests.hooks",
        Version = "1.0.0",
        SdkVersion = "[1.0.0, 2.0.0)",
        EntryAssembly = "CrmPlatform.Sdk.Tests.dll",
        Permissions = permissions,
    };

    public void Configure(IPluginBuilder builder)
    {
    }
}
