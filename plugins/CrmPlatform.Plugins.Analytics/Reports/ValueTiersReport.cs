using CrmPlatform.Plugins.Analytics.Descriptive;
using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary>
/// <c>value-tiers</c>: tier sizes and revenue from the last refresh; with <c>view=pareto</c>, the Pareto curve
/// (share of customers, top first, against the share of revenue they carry).
/// </summary>
public sealed class ValueTiersReport(IPluginState state) : IReport
{
    /// <inheritdoc />
    public string Name => "value-tiers";

    /// <inheritdoc />
    public string Title => "Value tiers and the Pareto curve";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pareto = query.Parameters.TryGetValue("view", out var view) && view == "pareto";
        IReadOnlyList<ReportColumn> columns = pareto
            ? [ReportText.Number("customerShare", "Share of customers, top revenue first (0–1)"), ReportText.Number("revenueShare", "Share of revenue they carry (0–1)")]
            :
            [
                ReportText.Text("tier", "vip, key, ordinary or small"),
                ReportText.Whole("customers", "Customers in the tier"),
                ReportText.Number("customerShare", "Share of customers (0–1)"),
                ReportText.Number("revenue", "Revenue of the tier"),
                ReportText.Number("revenueShare", "Share of revenue (0–1)"),
                ReportText.Number("minimumRevenue", "Revenue from which a customer is in the tier"),
            ];
        if (await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken) is not { } population)
        {
            return ReportText.Empty(columns, "No refresh has run yet: run the refresh job.");
        }

        var notes = new List<string> { $"As of the refresh at {population.ComputedAt:u}: {population.Customers} customers, total revenue {population.Revenue:0.##}." };
        if (population.Pareto.FirstOrDefault(p => p.CustomerShare >= 0.2m) is { } top)
        {
            notes.Add($"The top {ReportText.Percent(top.CustomerShare)} of customers carry {ReportText.Percent(top.RevenueShare)} of revenue.");
        }

        if (pareto)
        {
            return new ReportTable(columns, [.. population.Pareto.Select(p => (IReadOnlyList<object?>)[(double)p.CustomerShare, (double)p.RevenueShare])], notes);
        }

        var rows = Enum.GetValues<ValueTier>().Select(tier =>
        {
            var i = (int)tier;
            return (IReadOnlyList<object?>)
            [
                tier.ToString().ToLowerInvariant(),
                (long)population.TierSizes[i],
                population.Customers == 0 ? 0.0 : (double)population.TierSizes[i] / population.Customers,
                (double)population.TierRevenue[i],
                population.Revenue == 0m ? 0.0 : (double)(population.TierRevenue[i] / population.Revenue),
                i < 3 && population.TierMinimumRevenue[i] is { } min ? (double)min : null,
            ];
        }).ToList();
        return new ReportTable(columns, rows, notes);
    }
}
