using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary><c>rfm</c>: how many customers have each RFM code at the last refresh, best codes first.</summary>
public sealed class RfmReport(IPluginState state) : IReport
{
    /// <inheritdoc />
    public string Name => "rfm";

    /// <inheritdoc />
    public string Title => "RFM scores";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReportColumn> columns =
        [
            ReportText.Text("code", "Recency, frequency and monetary scores, 1 (worst fifth) to 5 (best fifth)"),
            ReportText.Whole("recency", "Recency score"),
            ReportText.Whole("frequency", "Frequency score"),
            ReportText.Whole("monetary", "Monetary score"),
            ReportText.Whole("customers", "Customers with the code"),
            ReportText.Number("share", "Share of customers with orders (0–1)"),
        ];
        if (await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken) is not { } population)
        {
            return ReportText.Empty(columns, "No refresh has run yet: run the refresh job.");
        }

        var rows = population.RfmCodes
            .OrderByDescending(p => p.Key, StringComparer.Ordinal)
            .Select(p => (IReadOnlyList<object?>)
            [
                p.Key, (long)(p.Key[0] - '0'), (long)(p.Key[1] - '0'), (long)(p.Key[2] - '0'), (long)p.Value,
                population.Buyers == 0 ? 0.0 : (double)p.Value / population.Buyers,
            ])
            .ToList();
        return new ReportTable(columns, rows, [$"As of the refresh at {population.ComputedAt:u}: {population.Buyers} of {population.Customers} customers have ordered."]);
    }
}
