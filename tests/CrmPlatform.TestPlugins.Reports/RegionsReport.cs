using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.TestPlugins.Reports;

/// <summary>A sound table with a column of every type, nulls, and text that CSV must quote.</summary>
public sealed class RegionsReport : IReport
{
    /// <summary>The time in the <c>since</c> column of the first row.</summary>
    public static readonly DateTimeOffset Since = new(2026, 3, 1, 8, 30, 15, 250, TimeSpan.FromHours(2));

    /// <inheritdoc />
    public string Name => "regions";

    /// <inheritdoc />
    public string Title => "Customers by region";

    /// <inheritdoc />
    public Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportTable(
            [
                new ReportColumn("region", ReportColumnType.Text, "The region."),
                new ReportColumn("customers", ReportColumnType.WholeNumber),
                new ReportColumn("revenue", ReportColumnType.Number, "Revenue in the base currency."),
                new ReportColumn("growing", ReportColumnType.Boolean),
                new ReportColumn("since", ReportColumnType.Timestamp),
            ],
            [
                ["North, \"upper\"", 12L, 1234.5m, true, Since],
                ["South", 3, 0.125d, false, null],
                ["-West", 0L, -7.25d, null, Since.AddDays(1)],
            ],
            ["Regions come from the customers' addresses."]));
}
