using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Host.Plugins.Settings;

/// <summary>
/// A plugin's settings type and what the platform does with it: parse settings JSON strictly,
/// validate it with the type's data annotations (nested objects and lists too), and hide secrets.
/// One instance per loaded plugin: its serializer options cache the plugin's types, so they must
/// go when the plugin goes.
/// </summary>
public sealed class PluginSettingsSchema(Type settingsType)
{
    /// <summary>What a secret reads as in API answers; sending it back keeps the stored secret.</summary>
    public const string Mask = "********";

    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        // A resolver of its own: System.Text.Json shares type caches between equal options, which
        // would keep an unloaded plugin's settings types alive.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The settings type.</summary>
    public Type SettingsType { get; } = settingsType;

    /// <summary>Parses and validates settings JSON; errors name the field (<c>endpoints[0].url</c>).</summary>
    public object Parse(string json, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        object? value;
        try
        {
            value = JsonSerializer.Deserialize(json, SettingsType, _json);
        }
        catch (JsonException ex)
        {
            errors.Add(ex.Path is { Length: > 2 } path ? path[2..] : "settings", ex.Message);
            return Activator.CreateInstance(SettingsType)!;
        }

        if (value is null)
        {
            errors.Add("settings", "Must be a JSON object.");
            return Activator.CreateInstance(SettingsType)!;
        }

        Validate(value, string.Empty, errors);
        return value;
    }

    /// <summary>The settings as the API shows them: secrets masked.</summary>
    public JsonNode ToMaskedJson(object settings)
    {
        var node = JsonSerializer.SerializeToNode(settings, SettingsType, _json)!;
        MaskSecrets(node, SettingsType);
        return node;
    }

    /// <summary>Puts stored secrets back where an update sent the mask, so clients can send back what they read.</summary>
    public string RestoreMaskedSecrets(string incomingJson, string storedJson, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var incoming = JsonNode.Parse(incomingJson);
        if (incoming is null)
        {
            return incomingJson;
        }

        Restore(incoming, JsonNode.Parse(storedJson), SettingsType, string.Empty, errors);
        return incoming.ToJsonString();
    }

    /// <summary>
    /// Walks the update beside the stored settings; list items are matched by their <c>name</c> or
    /// <c>id</c> when they have one (else by position), so a removed or reordered item never takes
    /// another's secret. A mask with no stored secret to stand for is an error: send the secret.
    /// </summary>
    private void Restore(JsonNode incoming, JsonNode? stored, Type type, string path, FieldErrors errors)
    {
        if (incoming is not JsonObject obj)
        {
            return;
        }

        var old = stored as JsonObject;
        foreach (var property in Properties(type))
        {
            var name = JsonName(type, property.Name);
            if (obj[name] is not { } child)
            {
                continue;
            }

            var previous = old?[name];
            if (property.IsDefined(typeof(SecretAttribute), inherit: true))
            {
                if (child is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask)
                {
                    if (previous is null)
                    {
                        errors.Add(path + name, "Send the secret itself: there is no stored secret this mask could stand for.");
                    }
                    else
                    {
                        obj[name] = previous.DeepClone();
                    }
                }
            }
            else if (ElementType(property.PropertyType) is { } element && child is JsonArray array)
            {
                var oldItems = previous as JsonArray;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        Restore(item, Counterpart(item, oldItems, i), element, $"{path}{name}[{i}].", errors);
                    }
                }
            }
            else if (IsSettingsObject(property.PropertyType))
            {
                Restore(child, previous, property.PropertyType, $"{path}{name}.", errors);
            }
        }
    }

    private static JsonNode? Counterpart(JsonNode item, JsonArray? oldItems, int index)
    {
        if (oldItems is null)
        {
            return null;
        }

        foreach (var key in new[] { "id", "name" })
        {
            if (item[key] is JsonValue identity && identity.TryGetValue<string>(out var value))
            {
                return oldItems.FirstOrDefault(o => o?[key] is JsonValue v && v.TryGetValue<string>(out var other) && other == value);
            }
        }

        return index < oldItems.Count ? oldItems[index] : null;
    }

    private void Validate(object value, string prefix, FieldErrors errors)
    {
        foreach (var result in ValidationResults(value))
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                var name = member.Length == 0 ? prefix.TrimEnd('.') : prefix + JsonName(value.GetType(), member);
                errors.Add(name.Length == 0 ? "settings" : name, result.ErrorMessage ?? "Invalid.");
            }
        }

        foreach (var property in Properties(value.GetType()))
        {
            var name = prefix + JsonName(value.GetType(), property.Name);
            switch (property.GetValue(value))
            {
                case string or null:
                    break;
                case IEnumerable items:
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsSettingsObject(item.GetType()))
                        {
                            Validate(item, $"{name}[{i}].", errors);
                        }

                        i++;
                    }

                    break;
                case { } nested when IsSettingsObject(nested.GetType()):
                    Validate(nested, name + ".", errors);
                    break;
            }
        }
    }

    private void MaskSecrets(JsonNode node, Type type)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var property in Properties(type))
        {
            var name = JsonName(type, property.Name);
            if (obj[name] is not { } child)
            {
                continue;
            }

            if (property.IsDefined(typeof(SecretAttribute), inherit: true))
            {
                obj[name] = Mask;
            }
            else if (ElementType(property.PropertyType) is { } element && child is JsonArray array)
            {
                foreach (var item in array.OfType<JsonNode>())
                {
                    MaskSecrets(item, element);
                }
            }
            else if (IsSettingsObject(property.PropertyType))
            {
                MaskSecrets(child, property.PropertyType);
            }
        }
    }


    /// <summary>
    /// What <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}, bool)"/>
    /// reports (every property's attributes, Required first; then the type's attributes and
    /// <see cref="IValidatableObject"/>), read from the attributes directly: the Validator keeps every
    /// type it sees in a process-wide store, which would pin the plugin's load context forever.
    /// </summary>
    private static List<ValidationResult> ValidationResults(object value)
    {
        var results = new List<ValidationResult>();
        var type = value.GetType();
        foreach (var property in Properties(type))
        {
            // An explicit display name keeps the context from asking the store for one.
            var context = new ValidationContext(value) { MemberName = property.Name, DisplayName = property.Name };
            var current = property.GetValue(value);
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).OrderBy(a => a is RequiredAttribute ? 0 : 1);
            foreach (var attribute in attributes)
            {
                if (attribute.GetValidationResult(current, context) is { } failure)
                {
                    results.Add(failure);
                    if (attribute is RequiredAttribute)
                    {
                        break;
                    }
                }
            }
        }

        if (results.Count > 0)
        {
            return results;
        }

        var typeContext = new ValidationContext(value) { DisplayName = type.Name };
        results.AddRange(type.GetCustomAttributes<ValidationAttribute>(inherit: true).Select(a => a.GetValidationResult(value, typeContext)).OfType<ValidationResult>());
        if (results.Count == 0 && value is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(typeContext).Where(r => r != ValidationResult.Success));
        }

        return results;
    }

    /// <summary>A property's name in JSON, as the serializer writes it (naming policy or <c>[JsonPropertyName]</c>).</summary>
    private string JsonName(Type type, string propertyName) =>
        _json.GetTypeInfo(type).Properties.FirstOrDefault(p => p.AttributeProvider is PropertyInfo info && info.Name == propertyName)?.Name
        ?? _json.PropertyNamingPolicy!.ConvertName(propertyName);

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static bool IsSettingsObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Assembly != typeof(object).Assembly;

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? NullIfPlain(type.GetElementType()!)
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? NullIfPlain(enumerable.GetGenericArguments()[0])
            : null;

    private static Type? NullIfPlain(Type element) => IsSettingsObject(element) ? element : null;
}
