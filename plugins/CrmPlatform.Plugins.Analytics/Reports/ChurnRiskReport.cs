using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary>
/// <c>churn-risk</c>: how customers' current churn risks are distributed, in ten bands of 0.1, from the insights
/// the plugin last wrote (read a page at a time, so any silo can build it).
/// </summary>
public sealed class ChurnRiskReport(IPluginState state, IPluginSettings<AnalyticsSettings> settings) : IReport
{
    private const int Bands = 10;

    /// <inheritdoc />
    public string Name => "churn-risk";

    /// <inheritdoc />
    public string Title => "Churn risk distribution";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReportColumn> columns =
        [
            ReportText.Number("from", "Lowest churn probability of the band"),
            ReportText.Number("to", "Probability the band ends below (1 is included in the last band)"),
            ReportText.Whole("customers", "Customers in the band"),
            ReportText.Number("share", "Share of scored customers (0–1)"),
        ];
        var counts = new long[Bands];
        var threshold = settings.Current.ChurnRiskThreshold;
        long scored = 0;
        long above = 0;
        await foreach (var (_, written) in state.ListAsync<Dictionary<string, WrittenInsight>>(WrittenInsight.KeyPrefix, cancellationToken))
        {
            if (written.TryGetValue(InsightNames.ChurnRisk, out var risk) && risk.Value is { } p)
            {
                counts[Math.Clamp((int)(p * Bands), 0, Bands - 1)]++;
                scored++;
                above += p >= threshold ? 1 : 0;
            }
        }

        if (scored == 0)
        {
            return ReportText.Empty(columns, "No customer has a churn risk yet: run the train-churn job.");
        }

        var rows = Enumerable.Range(0, Bands)
            .Select(i => (IReadOnlyList<object?>)[i / (double)Bands, (i + 1) / (double)Bands, counts[i], (double)counts[i] / scored])
            .ToList();
        return new ReportTable(columns, rows, [$"{scored} customers scored; {above} ({ReportText.Percent((double)above / scored)}) at or above the alert threshold {threshold:0.###}."]);
    }
}
