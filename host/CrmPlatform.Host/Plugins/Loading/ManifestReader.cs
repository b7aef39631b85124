using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Plugins;
using NuGet.Versioning;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>Reads and checks a <c>plugin.json</c> with the plugin composition's rules (<see cref="ManifestRules"/>): every field, the SDK range against the SDK this platform runs, known event types and permissions.</summary>
public static class ManifestReader
{
    /// <summary>The SDK version this platform runs.</summary>
    public static NuGetVersion HostSdkVersion => ManifestRules.SdkVersion;

    /// <summary>Parses and checks a manifest; throws <see cref="PluginRefusedException"/> naming each wrong field.</summary>
    public static PluginManifest Read(string json)
    {
        var errors = new CompositionErrors();
        var manifest = ManifestRules.Read(json, errors);
        if (manifest is null)
        {
            throw new PluginRefusedException($"plugin.json is not a valid manifest: {string.Join(" ", errors.Messages)}", errors.ToDictionary());
        }

        return errors.IsEmpty
            ? manifest
            : throw new PluginRefusedException($"The manifest of plugin '{manifest.Id}' is invalid.", errors.ToDictionary());
    }
}
