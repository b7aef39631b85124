using System.Globalization;
using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Turns a customer row into commands: register (or, for a known customer, update the profile),
/// then change the stage and add tags. Checks every value first, with the grain's own field rules,
/// so a bad row is reported with all its problems and sends nothing.
/// </summary>
public static class CustomerRowPlanner
{
    /// <summary>The reason recorded on stage changes an import makes.</summary>
    public const string StageReason = "Imported from a CSV file.";

    /// <summary>Plans one row.</summary>
    public static RowPlan Plan(long line, RowValues row, IReadOnlyDictionary<string, AttributeDefinition> schema, string? defaultPhoneRegion = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new FieldErrors();
        var id = row["id"];
        CustomerFields.Id(errors, "id", id);
        var kind = CustomerKind.Person;
        if (row["kind"] is { } kindText && !TryParseEnum(kindText, out kind))
        {
            errors.Add("kind", $"'{kindText}' is not a kind: person or organisation.");
        }

        foreach (var name in (string[])["firstName", "lastName", "organisationName", "company"])
        {
            CustomerFields.Text(errors, name, row[name], CustomerFields.MaxNameLength);
        }

        var emails = row["email"] is { } email ? RowValues.Split(email) : null;
        CustomerFields.Emails(errors, "email", emails);
        var phones = row["phone"] is { } phone ? RowValues.Split(phone) : null;
        CustomerFields.Phones(errors, "phone", phones, defaultPhoneRegion);
        LifecycleStage? stage = null;
        if (row["stage"] is { } stageText)
        {
            if (TryParseEnum<LifecycleStage>(stageText, out var parsed))
            {
                stage = parsed;
            }
            else
            {
                errors.Add("stage", $"'{stageText}' is not a stage: {string.Join(", ", Enum.GetNames<LifecycleStage>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
            }
        }

        var tags = row["tags"] is { } tagText ? RowValues.Split(tagText) : null;
        foreach (var tag in tags ?? [])
        {
            if (!CustomerFields.IsValidTag(tag))
            {
                errors.Add("tags", $"'{tag}' is not a tag: 1–64 letters, digits, spaces or . _ : - starting with a letter or digit.");
            }
        }

        var attributes = Attributes(row, schema, errors);
        if (!errors.IsEmpty)
        {
            return RowPlan.Invalid(line, errors.ToDictionary());
        }

        var commands = new List<PlannedCommand>
        {
            new(
                "register",
                new RegisterCustomer(kind, row["firstName"], row["lastName"], row["organisationName"], row["company"], emails, phones, attributes, "import"),
                new UpdateProfile(row["firstName"], row["lastName"], row["organisationName"], row["company"], emails, phones, attributes)),
        };
        if (stage is { } to)
        {
            commands.Add(new PlannedCommand("stage", new ChangeStage(to, StageReason)));
        }

        if (tags is { Count: > 0 })
        {
            commands.Add(new PlannedCommand("tags", new ChangeTags(tags, null)));
        }

        return RowPlan.Valid(new PlannedRow(line, id!, $"import:customers:{id}:{row.ContentHash()}", commands));
    }

    /// <summary>The row's custom attributes, typed by their declarations; problems go to <paramref name="errors"/>.</summary>
    private static Dictionary<string, JsonElement>? Attributes(RowValues row, IReadOnlyDictionary<string, AttributeDefinition> schema, FieldErrors errors)
    {
        Dictionary<string, JsonElement>? attributes = null;
        foreach (var (field, text) in row.WithPrefix(ImportFields.AttributePrefix))
        {
            var name = field[ImportFields.AttributePrefix.Length..];
            if (!schema.TryGetValue(name, out var definition))
            {
                errors.Add(field, "Not a declared attribute.");
                continue;
            }

            if (Typed(text, definition.Type) is { } value)
            {
                (attributes ??= new(StringComparer.Ordinal))[name] = value;
            }
            else
            {
                errors.Add(field, $"'{text}' is not {Describe(definition.Type)}.");
            }
        }

        if (attributes is not null)
        {
            AttributeValidator.Validate(errors, attributes, schema, allowRemoval: false);
        }

        return attributes;
    }

    private static JsonElement? Typed(string text, AttributeType type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type switch
        {
            AttributeType.Text => JsonSerializer.SerializeToElement(text),
            AttributeType.WholeNumber when long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var whole) => JsonSerializer.SerializeToElement(whole),
            AttributeType.Number when decimal.TryParse(text, NumberStyles.Number, invariant, out var number) => JsonSerializer.SerializeToElement(number),
            AttributeType.Boolean when Boolean(text) is { } flag => JsonSerializer.SerializeToElement(flag),
            AttributeType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) => JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", invariant)),
            _ => null,
        };
    }

    private static bool? Boolean(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "Y" or "1" => true,
        "FALSE" or "NO" or "N" or "0" => false,
        _ => null,
    };

    private static string Describe(AttributeType type) => type switch
    {
        AttributeType.WholeNumber => "a whole number",
        AttributeType.Number => "a number (with '.' for decimals)",
        AttributeType.Boolean => "true/false (or yes/no, 1/0)",
        AttributeType.Date => "a date as yyyy-MM-dd",
        _ => "text",
    };

    /// <summary>Parses an enum member by name, case-insensitively; numbers are refused.</summary>
    internal static bool TryParseEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && !char.IsAsciiDigit(text.TrimStart('-', '+')[0]) && Enum.IsDefined(value);
}
