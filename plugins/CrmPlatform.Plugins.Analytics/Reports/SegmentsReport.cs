using CrmPlatform.Plugins.Analytics.Insights;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Reports;

/// <summary><c>segments</c>: the k-means segments of the last refresh — size, centroid and, in the notes, what each is like in plain words.</summary>
public sealed class SegmentsReport(IPluginState state) : IReport
{
    /// <inheritdoc />
    public string Name => "segments";

    /// <inheritdoc />
    public string Title => "Customer segments";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var population = await state.GetAsync<PopulationSnapshot>(PopulationSnapshot.Key, cancellationToken);
        var features = population?.SegmentScales.Select(s => s.Feature).ToList() ?? [];
        List<ReportColumn> columns =
        [
            ReportText.Whole("segment", "Segment id"),
            ReportText.Whole("customers", "Customers in the segment"),
            ReportText.Number("share", "Share of customers (0–1)"),
            ReportText.Text("description", "What the segment is like"),
            .. features.Select(f => ReportText.Number("centroid." + f, $"Mean {f} of the segment")),
        ];
        if (population is null || population.Segments.Count == 0)
        {
            return ReportText.Empty(columns, "No segments yet: run the refresh job (segments need at least twice as many customers as segments).");
        }

        var rows = population.Segments.Select(s => (IReadOnlyList<object?>)
        [
            (long)s.Id, (long)s.Size, s.Share, s.Description,
            .. features.Select(f => (object?)(s.Centroid.TryGetValue(f, out var v) ? v : null)),
        ]).ToList();
        var notes = population.Segments.Select(s => $"Segment {s.Id} ({ReportText.Percent(s.Share)} of customers): {s.Description}").ToList();
        return new ReportTable(columns, rows, notes);
    }
}
