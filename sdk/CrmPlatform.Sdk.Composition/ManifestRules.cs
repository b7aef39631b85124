using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Plugins;
using NuGet.Versioning;

namespace CrmPlatform.Sdk.Composition;

/// <summary>Reads and checks a <c>plugin.json</c>: every field, the SDK range against the SDK in use, known event types and permissions.</summary>
internal static partial class ManifestRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The SDK version in use.</summary>
    public static NuGetVersion SdkVersion { get; } = NuGetVersion.Parse(SdkInfo.Version);

    /// <summary>Parses a manifest and checks it; null (with errors) when it cannot be parsed.</summary>
    public static PluginManifest? Read(string json, CompositionErrors errors)
    {
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(json, Json);
        }
        catch (JsonException ex)
        {
            errors.Add(ex.Path is { Length: > 2 } path ? $"manifest.{path[2..]}" : "manifest", ex.Message);
            return null;
        }

        if (manifest is null)
        {
            errors.Add("manifest", "Must be a JSON object.");
            return null;
        }

        Check(manifest, errors);
        return manifest;
    }

    /// <summary>Checks every field of a manifest.</summary>
    public static void Check(PluginManifest manifest, CompositionErrors errors)
    {
        if (manifest.Id is null || !IdPattern().IsMatch(manifest.Id))
        {
            errors.Add("manifest.id", "Must be 1–64 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit.");
        }

        if (!NuGetVersion.TryParse(manifest.Version, out _))
        {
            errors.Add("manifest.version", "Must be a SemVer version such as 1.2.0.");
        }

        if (!VersionRange.TryParse(manifest.SdkVersion, out var range))
        {
            errors.Add("manifest.sdkVersion", "Must be a NuGet version range such as [1.0.0, 2.0.0).");
        }
        else if (!range.Satisfies(SdkVersion))
        {
            errors.Add("manifest.sdkVersion", $"The plugin needs SDK {range.PrettyPrint()}; this platform runs SDK {SdkVersion}.");
        }

        if (manifest.EntryAssembly is null
            || !manifest.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            || Path.GetFileName(manifest.EntryAssembly) != manifest.EntryAssembly)
        {
            errors.Add("manifest.entryAssembly", "Must be the file name of a .dll at the package's root.");
        }

        for (var i = 0; i < manifest.Events.Count; i++)
        {
            if (manifest.Events[i] != "*" && !CustomerEventTypes.TryResolve(manifest.Events[i], out _))
            {
                errors.Add($"manifest.events[{i}]", $"'{manifest.Events[i]}' is not a known event type (nor '*').");
            }
        }

        for (var i = 0; i < manifest.Permissions.Count; i++)
        {
            if (!PluginPermissions.All.Contains(manifest.Permissions[i]))
            {
                errors.Add($"manifest.permissions[{i}]", $"'{manifest.Permissions[i]}' is not a permission; known: {string.Join(", ", PluginPermissions.All)}.");
            }
        }
    }

    /// <summary>Checks the SDK the plugin's entry assembly was built against: same major version, not newer than the SDK in use.</summary>
    public static void CheckSdkReference(Assembly entry, CompositionErrors errors)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sdk = entry.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(IPlugin).Assembly.GetName().Name);
        var inUse = typeof(IPlugin).Assembly.GetName().Version!;
        if (sdk?.Version is { } built && (built.Major != inUse.Major || built > inUse))
        {
            errors.Add("manifest.sdkVersion", $"The plugin was built against SDK {built.ToString(3)}; this platform runs SDK {inUse.ToString(3)}.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
