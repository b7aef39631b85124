using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>Checks that a report's table is what it says it is: named columns, and rows whose values fit them.</summary>
public static partial class ReportTableChecker
{
    /// <summary>The reason the table is malformed, naming the column (and row) at fault; null when it is sound.</summary>
    public static string? Problem(ReportTable? table)
    {
        if (table?.Columns is not { } columns || table.Rows is not { } rows)
        {
            return "The report returned no table (or a table without columns or rows).";
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c] is not { Name: { } name } || !ColumnName().IsMatch(name))
            {
                return $"Column {c} has no valid name (letters, digits, '_' or '-', starting with a letter).";
            }

            if (!names.Add(name))
            {
                return $"Column '{name}' appears twice.";
            }

            if (!Enum.IsDefined(columns[c].Type))
            {
                return $"Column '{name}' has an unknown type.";
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row is null || row.Count != columns.Count)
            {
                return $"Row {r} has {row?.Count ?? 0} values for {columns.Count} columns.";
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (row[c] is { } value && !Fits(columns[c].Type, value))
                {
                    return $"Column '{columns[c].Name}' is {columns[c].Type} but row {r} holds a {value.GetType().Name}.";
                }
            }
        }

        return null;
    }

    private static bool Fits(ReportColumnType type, object value) => type switch
    {
        ReportColumnType.Text => value is string,
        ReportColumnType.WholeNumber => value is long or int or short or byte or sbyte or ushort or uint,
        ReportColumnType.Number => value is double or float or decimal or long or int or short or byte or sbyte or ushort or uint
            && (value is not double d || double.IsFinite(d)) && (value is not float f || float.IsFinite(f)),
        ReportColumnType.Boolean => value is bool,
        ReportColumnType.Timestamp => value is DateTimeOffset,
        _ => false,
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex ColumnName();
}
