using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPlatform.Sdk.Testing;

/// <summary>Reads and checks settings like the platform: strict JSON, then data annotations on every property.</summary>
internal static class PluginSettingsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(object settings) => JsonSerializer.Serialize(settings, settings.GetType(), Options);

    public static object Read(Type settingsType, string json)
    {
        object? settings;
        try
        {
            settings = JsonSerializer.Deserialize(json, settingsType, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidPluginSettingsException($"The settings are not valid JSON for {settingsType.Name}: {exception.Message}", exception);
        }

        if (settings is null)
        {
            throw new InvalidPluginSettingsException($"The settings must be a JSON object for {settingsType.Name}, not null.");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var errors = results
                .Select(r => r.MemberNames.Any() ? $"{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}" : r.ErrorMessage ?? "Invalid.")
                .ToList();
            throw new InvalidPluginSettingsException($"The settings for {settingsType.Name} are invalid.", errors);
        }

        return settings;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
