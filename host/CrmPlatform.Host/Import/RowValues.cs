using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmPlatform.Host.Import;

/// <summary>One row's values by field, after value maps and trimming; empty cells are left out.</summary>
public sealed class RowValues
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The row's values for <paramref name="mapping"/>, whose targets are at <paramref name="indexes"/>.</summary>
    public static RowValues Of(ImportMapping mapping, int[] indexes, IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(cells);
        var row = new RowValues();
        for (var i = 0; i < mapping.Targets.Count; i++)
        {
            var target = mapping.Targets[i];
            var cell = cells[indexes[i]].Trim();
            if (mapping.Values.TryGetValue(target.Column, out var map) && map.TryGetValue(cell, out var mapped))
            {
                cell = mapped.Trim();
            }

            if (cell.Length > 0)
            {
                row._values[target.Field] = cell;
            }
        }

        return row;
    }

    /// <summary>The value of <paramref name="field"/>, or null when empty or unmapped.</summary>
    public string? this[string field] => _values.GetValueOrDefault(field);

    /// <summary>The attribute fields present (<c>attributes.x</c> → value).</summary>
    public IEnumerable<KeyValuePair<string, string>> WithPrefix(string prefix) =>
        _values.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>
    /// A short hash of the row's content (its fields and values, in a canonical order): the same row
    /// always has the same hash, whichever file or job it comes from.
    /// </summary>
    public string ContentHash()
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(_values.Select(p => new[] { p.Key, p.Value }));
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..16];
    }

    /// <summary>Splits a list cell (<c>a; b; c</c>) into its non-empty items.</summary>
    public static IReadOnlyList<string> Split(string value) =>
        [.. (value ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Text form of the canonical row, for messages and tests.</summary>
    public override string ToString() => string.Join(", ", _values.Select(p => $"{p.Key}={p.Value}"));
}
