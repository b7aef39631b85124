using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Sdk.Composition;

/// <summary>
/// A plugin's settings type and what the platform does with it: parse settings JSON strictly,
/// validate it with the type's data annotations (nested objects and lists too), and hide secrets.
/// One instance per loaded plugin: its serializer options cache the plugin's types, so they must
/// go when the plugin goes. The platform and the test kit both read settings through it.
/// </summary>
internal sealed partial class SettingsSchema(Type settingsType)
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
    public object Parse(string json, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        object? value;
        try
        {
            value = JsonSerializer.Deserialize(json, SettingsType, _json);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : "settings";
            errors.Add(new SettingsError(field, string.Empty, ex.Message, Malformed: true));
            return Activator.CreateInstance(SettingsType)!;
        }

        if (value is null)
        {
            errors.Add(new SettingsError("settings", string.Empty, "Must be a JSON object.", Malformed: true));
            return Activator.CreateInstance(SettingsType)!;
        }

        Validate(value, string.Empty, string.Empty, errors);
        return value;
    }

    /// <summary>Writes settings as JSON the way <see cref="Parse"/> reads them.</summary>
    public string Serialize(object settings) => JsonSerializer.Serialize(settings, SettingsType, _json);

    /// <summary>
    /// The shape of the settings: one line per property, nested objects and list items included
    /// (<c>endpoints[].url: String</c>, with <c>secret</c> when it is one), in declaration order.
    /// </summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        Describe(SettingsType, string.Empty, lines, depth: 0);
        return lines;
    }

    private void Describe(Type type, string prefix, List<string> lines, int depth)
    {
        foreach (var property in Properties(type))
        {
            var name = prefix + JsonName(type, property.Name);
            var secret = property.IsDefined(typeof(SecretAttribute), inherit: true) ? " secret" : string.Empty;
            lines.Add($"{name}: {property.PropertyType.Name}{secret}");
            // A type that holds itself would never end; eight levels is far beyond any real settings type.
            if (depth >= 8)
            {
                continue;
            }

            if (ElementType(property.PropertyType) is { } element)
            {
                Describe(element, name + "[].", lines, depth + 1);
            }
            else if (IsSettingsObject(property.PropertyType))
            {
                Describe(property.PropertyType, name + ".", lines, depth + 1);
            }
        }
    }

    /// <summary>
    /// Validates <paramref name="value"/> and, depth first, the objects it holds; <paramref name="prefix"/> is the
    /// value's JSON path with a trailing dot (empty at the root), <paramref name="memberPrefix"/> the same by property names.
    /// </summary>
    private void Validate(object value, string prefix, string memberPrefix, List<SettingsError> errors)
    {
        foreach (var result in ValidationResults(value))
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                var name = member.Length == 0 ? prefix.TrimEnd('.') : prefix + JsonName(value.GetType(), member);
                var path = member.Length == 0 ? memberPrefix.TrimEnd('.') : memberPrefix + member;
                errors.Add(new SettingsError(name.Length == 0 ? "settings" : name, path, result.ErrorMessage ?? "Invalid."));
            }
        }

        foreach (var property in Properties(value.GetType()))
        {
            var name = prefix + JsonName(value.GetType(), property.Name);
            var member = memberPrefix + property.Name;
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
                            Validate(item, $"{name}[{i}].", $"{member}[{i}].", errors);
                        }

                        i++;
                    }

                    break;
                case { } nested when IsSettingsObject(nested.GetType()):
                    Validate(nested, name + ".", member + ".", errors);
                    break;
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
