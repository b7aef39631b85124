using System.Globalization;
using System.Text.Json;
using CrmPlatform.Grains.Customers.Options;

namespace CrmPlatform.Grains.Customers.Validation;

/// <summary>Checks custom attributes against their declared schema.</summary>
public static class AttributeValidator
{
    /// <summary>Checks each attribute; a JSON null is allowed only when <paramref name="allowRemoval"/>.</summary>
    public static void Validate(
        FieldErrors errors,
        IReadOnlyDictionary<string, JsonElement>? attributes,
        IReadOnlyDictionary<string, AttributeDefinition> schema,
        bool allowRemoval)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var (name, value) in attributes ?? new Dictionary<string, JsonElement>())
        {
            var field = $"attributes.{name}";
            if (!schema.TryGetValue(name, out var definition))
            {
                errors.Add(field, "Not a declared attribute.");
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                if (!allowRemoval)
                {
                    errors.Add(field, "Must have a value.");
                }
            }
            else if (Check(value, definition) is { } problem)
            {
                errors.Add(field, problem);
            }
        }
    }

    private static string? Check(JsonElement value, AttributeDefinition definition) => definition.Type switch
    {
        AttributeType.Text => value.ValueKind != JsonValueKind.String
            ? "Must be a string."
            : value.GetString()!.Length > definition.MaxLength ? $"Must be at most {definition.MaxLength} characters." : null,
        AttributeType.WholeNumber => value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var whole)
            ? "Must be a whole number."
            : CheckRange(whole, definition),
        AttributeType.Number => value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number)
            ? "Must be a number."
            : CheckRange(number, definition),
        AttributeType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "Must be true or false.",
        AttributeType.Date => value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : "Must be a date as yyyy-MM-dd.",
        _ => "Has an unknown declared type.",
    };

    private static string? CheckRange(decimal value, AttributeDefinition definition) =>
        value < definition.Minimum ? $"Must be at least {CustomerFields.Format(definition.Minimum.Value)}."
        : value > definition.Maximum ? $"Must be at most {CustomerFields.Format(definition.Maximum.Value)}."
        : null;
}
