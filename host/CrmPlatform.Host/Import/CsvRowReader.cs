using System.Globalization;
using System.Text.Unicode;
using CsvHelper;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Reads a CSV file row by row with CsvHelper, never holding more than one row. Input must be UTF-8
/// (a byte-order mark is allowed): invalid bytes do not stop the file, they make the row they are
/// in unreadable, reported with its line. Badly quoted rows are reported the same way.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly CsvReader _reader;
    private readonly HashSet<long> _malformedLines = [];
    private int _headerCount;

    /// <summary>Reads <paramref name="stream"/> (owned: disposed with the reader).</summary>
    public CsvRowReader(Stream stream, string delimiter)
    {
        ArgumentNullException.ThrowIfNull(delimiter);
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter[0],
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            FormatProvider = CultureInfo.InvariantCulture,
            OnMalformedRecord = record => _malformedLines.Add(record.LineNumber),
        };
        _reader = CsvReader.Create(stream, options, leaveOpen: false);
    }

    /// <summary>How far into the file the reader has got, in bytes (the start of the current row).</summary>
    public long BytesRead => _reader.ByteOffset;

    /// <summary>The header row (empty for an empty file); throws <see cref="InvalidDataException"/> when it is unreadable.</summary>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync()
    {
        await _reader.ReadHeaderAsync();
        var header = _reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        if (header.Any(h => h.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            throw new InvalidDataException("Line 1 (the header) is not valid UTF-8: save the file as UTF-8 and upload it again.");
        }

        _headerCount = header.Length;
        return header;
    }

    /// <summary>The next data row, or null at the end of the file.</summary>
    public async Task<CsvRow?> ReadAsync()
    {
        if (!await _reader.ReadAsync())
        {
            return null;
        }

        var line = _reader.LineNumber;
        var count = _reader.FieldCount;
        var cells = new string[count];
        var undecodable = -1;
        for (var i = 0; i < count; i++)
        {
            if (undecodable < 0 && !Utf8.IsValid(_reader.GetSpan(i)))
            {
                undecodable = i;
            }

            cells[i] = _reader.GetString(i) ?? string.Empty;
        }

        var problem = undecodable >= 0
            ? $"Line {line} is not valid UTF-8 (column {undecodable + 1}): save the file as UTF-8."
            : _malformedLines.Remove(line)
                ? $"Line {line} is not well-formed CSV (a stray or unclosed quote)."
                : count != _headerCount
                    ? $"Line {line} has {count} fields; the header has {_headerCount}."
                    : null;
        return new CsvRow(line, cells, problem);
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
