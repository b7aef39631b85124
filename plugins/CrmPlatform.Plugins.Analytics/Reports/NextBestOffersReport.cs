using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary><c>next-best-offers</c>: the strongest product pair rules of the last refresh (<c>limit</c>, default 20).</summary>
public sealed class NextBestOffersReport(IPluginState state) : IReport
{
    /// <inheritdoc />
    public string Name => "next-best-offers";

    /// <inheritdoc />
    public string Title => "Next best offers: top product rules";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<ReportColumn> columns =
        [
            ReportText.Text("bought", "A product the customer bought"),
            ReportText.Text("offer", "The product to offer"),
            ReportText.Number("support", "Share of customers who bought both (0–1)"),
            ReportText.Number("confidence", "Share of buyers of the first who also bought the offer (0–1)"),
            ReportText.Number("lift", "Confidence over the offer's overall popularity (above 1: bought together more than by chance)"),
        ];
        if (await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken) is not { } population)
        {
            return ReportText.Empty(columns, "No refresh has run yet: run the refresh job.");
        }

        var limit = ReportText.IntParameter(query, "limit", 20, 1, PopulationAnalysis.MaxOfferRules);
        var rows = population.OfferRules.Take(limit)
            .Select(r => (IReadOnlyList<object?>)[r.Antecedent, r.Consequent, r.Support, r.Confidence, r.Lift])
            .ToList();
        return new ReportTable(columns, rows, [$"{population.OfferRules.Count} rules met the thresholds at the refresh of {population.ComputedAt:u}."]);
    }
}
