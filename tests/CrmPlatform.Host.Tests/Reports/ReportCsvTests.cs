using System.Text;
using CrmPlatform.Host.Reports;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Tests.Reports;

/// <summary>CSV exports: text that a spreadsheet would run as a formula is written as text; values are not touched.</summary>
public sealed class ReportCsvTests
{
    private static readonly DateTimeOffset At = new(2025, 4, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)", "'@SUM(1+1)")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tx", "'\tx")]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    public async Task Text_StartingLikeAFormula_IsEscaped(string text, string expected)
    {
        var csv = await WriteAsync([new ReportColumn("name", ReportColumnType.Text)], [[text]]);

        Assert.Equal(Rows("name", Quote(expected)), csv);
    }

    [Fact]
    public async Task Numbers_Booleans_AndTimestamps_AreWrittenAsValues_EvenWhenNegative()
    {
        var csv = await WriteAsync(
            [
                new ReportColumn("count", ReportColumnType.WholeNumber),
                new ReportColumn("share", ReportColumnType.Number),
                new ReportColumn("net", ReportColumnType.Number),
                new ReportColumn("vip", ReportColumnType.Boolean),
                new ReportColumn("at", ReportColumnType.Timestamp),
                new ReportColumn("note", ReportColumnType.Text),
            ],
            [[-5L, -0.25d, -12.50m, false, At, null]]);

        Assert.Equal(Rows("count,share,net,vip,at,note", "-5,-0.25,-12.50,false,2025-04-02T09:00:00Z,"), csv);
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field.StartsWith('\'') ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static string Rows(params string[] lines) => string.Concat(lines.Select(l => l + "\r\n"));

    private static async Task<string> WriteAsync(IReadOnlyList<ReportColumn> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        await ReportCsv.WriteAsync(new BuiltReport(new ReportInfo("crm", "test", "Test"), At, new ReportTable(columns, rows)), stream, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
