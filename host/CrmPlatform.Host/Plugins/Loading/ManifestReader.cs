using System.Text.Json;
using System.Text.RegularExpressions;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Plugins;
using NuGet.Versioning;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>Reads and checks a <c>plugin.json</c>: every field, the SDK range against the SDK this platform runs, known event types and permissions.</summary>
public static partial class ManifestReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The SDK version this platform runs.</summary>
    public static NuGetVersion HostSdkVersion { get; } = NuGetVersion.Parse(SdkInfo.Version);

    /// <summary>Parses and checks a manifest; throws <see cref="PluginRefusedException"/> naming each wrong field.</summary>
    public static PluginManifest Read(string json)
    {
        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(json, Json);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? $"manifest.{path[2..]}" : "manifest";
            throw new PluginRefusedException($"plugin.json is not a valid manifest: {ex.Message}", new Dictionary<string, string[]> { [field] = [ex.Message] });
        }

        if (manifest is null)
        {
            throw new PluginRefusedException("plugin.json is empty.", new Dictionary<string, string[]> { ["manifest"] = ["Must be a JSON object."] });
        }

        var errors = new FieldErrors();
        if (!IdPattern().IsMatch(manifest.Id))
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
        else if (!range.Satisfies(HostSdkVersion))
        {
            errors.Add("manifest.sdkVersion", $"The plugin needs SDK {range.PrettyPrint()}; this platform runs SDK {HostSdkVersion}.");
        }

        if (!manifest.EntryAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(manifest.EntryAssembly) != manifest.EntryAssembly)
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

        return errors.IsEmpty
            ? manifest
            : throw new PluginRefusedException($"The manifest of plugin '{manifest.Id}' is invalid.", errors.ToDictionary());
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
