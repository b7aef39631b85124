using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary><c>crm/stage-distribution</c>: how many customers are in each lifecycle stage now, and their share of all customers.</summary>
public sealed class StageDistributionReport(IReportReadModel readModel) : IReport
{
    private static readonly ReportColumn[] Columns =
    [
        new("stage", ReportColumnType.Text, "The lifecycle stage."),
        new("customers", ReportColumnType.WholeNumber, "Customers in the stage now."),
        new("share", ReportColumnType.Number, "Their share of all customers (0 to 1; 0 when there are none)."),
    ];

    /// <inheritdoc />
    public string Name => "stage-distribution";

    /// <inheritdoc />
    public string Title => "Customers by lifecycle stage";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var counts = (await readModel.CountByStageAsync(cancellationToken)).ToDictionary(c => c.Stage, c => c.Customers);
        var total = counts.Values.Sum();
        var rows = Enum.GetValues<LifecycleStage>()
            .Select(stage => (IReadOnlyList<object?>)
            [
                JsonNamingPolicy.CamelCase.ConvertName(stage.ToString()),
                counts.GetValueOrDefault(stage),
                total == 0 ? 0d : (double)counts.GetValueOrDefault(stage) / total,
            ])
            .ToList();
        return new ReportTable(Columns, rows, [$"{total} customers in all, from the read model."]);
    }
}
