using System.Globalization;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary>What the plugin's reports share: columns, numbers in plain words and the "no refresh yet" table.</summary>
internal static class ReportText
{
    public static ReportColumn Text(string name, string description) => new(name, ReportColumnType.Text, description);

    public static ReportColumn Whole(string name, string description) => new(name, ReportColumnType.WholeNumber, description);

    public static ReportColumn Number(string name, string description) => new(name, ReportColumnType.Number, description);

    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Percent(decimal share) => Percent((double)share);

    /// <summary>An empty table with a note saying what has to run first.</summary>
    public static ReportTable Empty(IReadOnlyList<ReportColumn> columns, string note) => new(columns, [], [note]);

    /// <summary>A whole-number query parameter, or the default when absent or not a number in range.</summary>
    public static int IntParameter(ReportQuery query, string name, int fallback, int min, int max) =>
        query.Parameters.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
}
