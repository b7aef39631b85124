using System.Text.Json.Nodes;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Composition;

namespace CrmPlatform.Host.Plugins.Settings;

/// <summary>
/// A plugin's settings type and what the platform does with it: parse settings JSON strictly,
/// validate it with the type's data annotations (nested objects and lists too), and hide secrets.
/// The rules are the plugin composition's (<see cref="SettingsSchema"/>), which the test kit uses
/// too; this adds the API's field errors. One instance per loaded plugin: its serializer options
/// cache the plugin's types, so they must go when the plugin goes.
/// </summary>
public sealed class PluginSettingsSchema(Type settingsType)
{
    /// <summary>What a secret reads as in API answers; sending it back keeps the stored secret.</summary>
    public const string Mask = SettingsSchema.Mask;

    /// <summary>The settings type.</summary>
    public Type SettingsType => Rules.SettingsType;

    /// <summary>The rules themselves.</summary>
    internal SettingsSchema Rules { get; } = new(settingsType);

    /// <summary>Parses and validates settings JSON; errors name the field (<c>endpoints[0].url</c>).</summary>
    public object Parse(string json, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var found = new List<SettingsError>();
        var settings = Rules.Parse(json, found);
        Copy(found, errors);
        return settings;
    }

    /// <summary>The settings as the API shows them: secrets masked.</summary>
    public JsonNode ToMaskedJson(object settings) => Rules.ToMaskedJson(settings);

    /// <summary>Puts stored secrets back where an update sent the mask, so clients can send back what they read.</summary>
    public string RestoreMaskedSecrets(string incomingJson, string storedJson, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var found = new List<SettingsError>();
        var restored = Rules.RestoreMaskedSecrets(incomingJson, storedJson, found);
        Copy(found, errors);
        return restored;
    }

    private static void Copy(List<SettingsError> found, FieldErrors errors)
    {
        foreach (var error in found)
        {
            errors.Add(error.Field, error.Message);
        }
    }
}
