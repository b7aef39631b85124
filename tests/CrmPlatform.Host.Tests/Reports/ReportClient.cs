using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;
using CsvHelper;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>Reads reports as JSON and as CSV, and checks that the two say the same.</summary>
internal static class ReportClient
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url) =>
        await (await client.GetRouteAsync(url)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The report as CSV, asked for with <c>?format=csv</c> or (when <paramref name="viaAccept"/>) with <c>Accept: text/csv</c>.</summary>
    public static async Task<(HttpResponseMessage Response, List<string[]> Records)> GetCsvAsync(HttpClient client, string url, bool viaAccept = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, viaAccept ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "format=csv");
        if (viaAccept)
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        }

        var response = await client.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 but got {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (response, await ParseAsync(body));
    }

    /// <summary>Every record of a CSV body, the header first.</summary>
    public static async Task<List<string[]>> ParseAsync(byte[] body)
    {
        var options = CsvReaderOptions.Default with { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture };
        await using var reader = CsvReader.Create(new MemoryStream(body), options, leaveOpen: false);
        var records = new List<string[]>();
        while (await reader.ReadAsync())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        return records;
    }

    /// <summary>Asserts that the CSV has the JSON report's column names as its header and the same values in every row.</summary>
    public static void AssertSameAsJson(JsonElement columns, JsonElement rows, List<string[]> csv)
    {
        var names = columns.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        var types = columns.EnumerateArray().Select(c => c.GetProperty("type").GetString()!).ToArray();
        Assert.Equal(names, csv[0]);
        var jsonRows = rows.EnumerateArray().ToArray();
        Assert.Equal(jsonRows.Length, csv.Count - 1);
        for (var r = 0; r < jsonRows.Length; r++)
        {
            for (var c = 0; c < names.Length; c++)
            {
                var json = jsonRows[r].GetProperty(names[c]);
                var text = csv[r + 1][c];
                var context = $"row {r}, column {names[c]}: JSON {json} vs CSV '{text}'";
                if (json.ValueKind == JsonValueKind.Null)
                {
                    Assert.True(text.Length == 0, context);
                    continue;
                }

                switch (types[c])
                {
                    case "wholeNumber":
                        Assert.True(json.GetInt64() == long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), context);
                        break;
                    case "number":
                        Assert.True(json.GetDouble() == double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), context);
                        break;
                    case "boolean":
                        Assert.True((json.GetBoolean() ? "true" : "false") == text, context);
                        break;
                    case "timestamp":
                        Assert.True(text.EndsWith('Z'), context);
                        Assert.True(json.GetDateTimeOffset() == DateTimeOffset.Parse(text, CultureInfo.InvariantCulture), context);
                        break;
                    default:
                        // Text that a spreadsheet would run as a formula is written with a leading apostrophe.
                        var expected = json.GetString()!;
                        Assert.True((expected.Length > 0 && "=+-@\t\r".Contains(expected[0], StringComparison.Ordinal) ? $"'{expected}" : expected) == text, context);
                        break;
                }
            }
        }
    }

    /// <summary>The rows of a JSON report as arrays of raw JSON texts in column order, for exact comparisons.</summary>
    public static string[][] Rows(JsonElement report, params string[] columns) =>
        [.. report.GetProperty("rows").EnumerateArray().Select(row => columns.Select(c => row.GetProperty(c).GetRawText()).ToArray())];
}
