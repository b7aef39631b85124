using CrmPlatform.Sdk.Plugins;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Settings;

/// <summary>A test plugin with settings and nothing else.</summary>
public sealed class SettingsPlugin : IPlugin
{
    public static PluginManifest Manifest { get; } = new()
    {
        Id = "tests.settings",
        Version = "1.0.0",
        SdkVersion = "[1.0.0, 2.0.0)",
        EntryAssembly = "CrmPlatform.Sdk.Tests.dll",
    };

    public void Configure(IPluginBuilder builder) => builder.UseSettings<ThrottleSettings>();
}
