using System.Reflection;

namespace CrmPlatform.Sdk.Plugins;

/// <summary>The version of the SDK the platform runs; a manifest's <see cref="PluginManifest.SdkVersion"/> must include it.</summary>
public static class SdkInfo
{
    /// <summary>The SDK's SemVer version, for example <c>1.0.0</c>.</summary>
    public static string Version { get; } =
        typeof(SdkInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(SdkInfo).Assembly.GetName().Version!.ToString(3);
}
