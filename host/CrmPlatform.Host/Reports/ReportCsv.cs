using System.Globalization;
using CsvHelper;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// Writes a report as CSV (RFC 4180, UTF-8): a header of column names, then one line per row;
/// numbers in the invariant culture, timestamps as ISO 8601 in UTC, booleans as true/false, nothing for null.
/// Text that a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) is written
/// with a leading <c>'</c>, so a name such as <c>=HYPERLINK(…)</c> opens as text; numbers are never touched.
/// </summary>
public static class ReportCsv
{
    /// <summary>The media type.</summary>
    public const string ContentType = "text/csv";

    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>The response: CSV with a Content-Disposition file name of source, name and time.</summary>
    public static IResult Result(BuiltReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fileName = $"{report.Info.Source}-{report.Info.Name}-{report.GeneratedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv";
        return Results.Stream(stream => WriteAsync(report, stream), $"{ContentType}; charset=utf-8", fileName);
    }

    /// <summary>Writes the CSV to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(BuiltReport report, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var options = CsvWriterOptions.Default with { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };
        var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            await csv.WriteRecordAsync([.. report.Table.Columns.Select(c => c.Name)], cancellationToken);
            foreach (var row in report.Table.Rows)
            {
                foreach (var value in row)
                {
                    WriteField(csv, value);
                }

                await csv.EndRecordAsync(cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }
    }

    /// <summary>A value as CSV shows it (before any formula escaping).</summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset at => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Numbers, booleans and timestamps as values (never escaped); anything else as text, escaped when it starts like a formula.</summary>
    private static void WriteField(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case bool flag:
                csv.WriteField(flag ? "true" : "false");
                break;
            case DateTimeOffset at:
                csv.WriteField(at.ToUniversalTime(), TimestampFormat);
                break;
            case double number:
                csv.WriteField(number, "R");
                break;
            case float number:
                csv.WriteField(number, "R");
                break;
            case decimal number:
                csv.WriteField(number, default);
                break;
            case long number:
                csv.WriteField(number, default);
                break;
            case int number:
                csv.WriteField(number, default);
                break;
            default:
                csv.WriteField(Format(value));
                break;
        }
    }
}
