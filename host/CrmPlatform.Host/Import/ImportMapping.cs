using System.Text.Json;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Import;

/// <summary>
/// A validated column mapping: which CSV column feeds which field, value maps per column (for
/// example <c>Churn: Yes → terminated</c>), and the delimiter. Written as JSON:
/// <c>{"columns":{"customerID":["id","lastName"],"Churn":"stage"},"values":{"Churn":{"Yes":"terminated","No":""}},"delimiter":","}</c>.
/// </summary>
public sealed class ImportMapping
{
    private const int MaxColumns = 500;

    private ImportMapping(ImportKind kind, IReadOnlyList<ColumnTarget> targets, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> values, string delimiter)
    {
        Kind = kind;
        Targets = targets;
        Values = values;
        Delimiter = delimiter;
    }

    /// <summary>Customers or orders.</summary>
    public ImportKind Kind { get; }

    /// <summary>Each (column, field) pair, in the order written.</summary>
    public IReadOnlyList<ColumnTarget> Targets { get; }

    /// <summary>Value maps by column: a cell equal to a key is read as its value (an empty value leaves the field out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; }

    /// <summary>The CSV delimiter.</summary>
    public string Delimiter { get; }

    /// <summary>
    /// Parses and validates <paramref name="json"/> for <paramref name="kind"/>: known fields only,
    /// declared attributes only, the required fields mapped. Null with the problems in <paramref name="errors"/>.
    /// </summary>
    public static ImportMapping? Parse(ImportKind kind, string json, IReadOnlyDictionary<string, AttributeDefinition> attributes, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(errors);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add("mapping", $"Not valid JSON: {ex.Message}");
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("mapping", "Must be a JSON object with 'columns' (and optionally 'values' and 'delimiter').");
                return null;
            }

            var targets = new List<ColumnTarget>();
            var values = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            var delimiter = ",";
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "columns":
                        ReadColumns(kind, property.Value, attributes, targets, errors);
                        break;
                    case "values":
                        ReadValues(property.Value, values, errors);
                        break;
                    case "delimiter" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: 1 } d && d != "\"" && d != "\n" && d != "\r":
                        delimiter = d;
                        break;
                    case "delimiter":
                        errors.Add("mapping.delimiter", "Must be one character (not a quote or line break).");
                        break;
                    default:
                        errors.Add($"mapping.{property.Name}", "Unknown member; expected 'columns', 'values' or 'delimiter'.");
                        break;
                }
            }

            foreach (var required in ImportFields.Required(kind).Where(f => targets.All(t => t.Field != f)))
            {
                errors.Add("mapping.columns", $"No column is mapped to '{required}', which a {kind.ToString().ToLowerInvariant()} import needs.");
            }

            foreach (var column in values.Keys.Where(c => targets.All(t => t.Column != c)))
            {
                errors.Add($"mapping.values.{column}", "Not a mapped column.");
            }

            return errors.IsEmpty ? new ImportMapping(kind, targets, values, delimiter) : null;
        }
    }

    /// <summary>Checks that every mapped column is in the file's <paramref name="header"/>; returns each target's column index.</summary>
    public int[]? Bind(IReadOnlyList<string> header, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(errors);
        var indexes = new int[Targets.Count];
        for (var i = 0; i < Targets.Count; i++)
        {
            indexes[i] = IndexOf(header, Targets[i].Column);
            if (indexes[i] < 0)
            {
                errors.Add($"mapping.columns.{Targets[i].Column}", "The file has no such column.");
            }
        }

        return errors.IsEmpty ? indexes : null;
    }

    private static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void ReadColumns(ImportKind kind, JsonElement columns, IReadOnlyDictionary<string, AttributeDefinition> attributes, List<ColumnTarget> targets, FieldErrors errors)
    {
        if (columns.ValueKind != JsonValueKind.Object)
        {
            errors.Add("mapping.columns", "Must be an object: CSV column → field name (or a list of field names).");
            return;
        }

        foreach (var column in columns.EnumerateObject())
        {
            var field = $"mapping.columns.{column.Name}";
            string?[] names = column.Value.ValueKind switch
            {
                JsonValueKind.String => [column.Value.GetString()],
                JsonValueKind.Array => [.. column.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null)],
                _ => [null],
            };
            if (names.Length == 0 || names.Any(n => n is null))
            {
                errors.Add(field, "Must be a field name or a list of field names.");
                continue;
            }

            foreach (var name in names)
            {
                if (CheckField(kind, name!, attributes) is { } problem)
                {
                    errors.Add(field, problem);
                }
                else if (targets.Any(t => t.Field == name))
                {
                    errors.Add(field, $"'{name}' is already mapped from another column.");
                }
                else
                {
                    targets.Add(new ColumnTarget(column.Name, name!));
                }
            }
        }

        if (targets.Count > MaxColumns)
        {
            errors.Add("mapping.columns", $"At most {MaxColumns} mapped fields.");
        }
    }

    private static string? CheckField(ImportKind kind, string name, IReadOnlyDictionary<string, AttributeDefinition> attributes)
    {
        if (kind == ImportKind.Customers && name.StartsWith(ImportFields.AttributePrefix, StringComparison.Ordinal))
        {
            var attribute = name[ImportFields.AttributePrefix.Length..];
            return attributes.ContainsKey(attribute)
                ? null
                : $"'{attribute}' is not a declared attribute (declared: {string.Join(", ", attributes.Keys.Order(StringComparer.Ordinal))}).";
        }

        return ImportFields.Of(kind).Contains(name)
            ? null
            : $"Unknown field '{name}'; a {kind.ToString().ToLowerInvariant()} import maps to {string.Join(", ", ImportFields.Of(kind))}{(kind == ImportKind.Customers ? " or attributes.<name>" : "")}.";
    }

    private static void ReadValues(JsonElement values, Dictionary<string, IReadOnlyDictionary<string, string>> maps, FieldErrors errors)
    {
        if (values.ValueKind != JsonValueKind.Object)
        {
            errors.Add("mapping.values", "Must be an object: CSV column → { cell value → field value }.");
            return;
        }

        foreach (var column in values.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Object || column.Value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                errors.Add($"mapping.values.{column.Name}", "Must be an object of strings: cell value → field value.");
                continue;
            }

            maps[column.Name] = column.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
    }
}
