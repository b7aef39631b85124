using CrmPlatform.Plugins.Analytics.Features;

namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>The result of segmenting customers: the segments, each customer's segment, and how to place a new one.</summary>
/// <param name="Segments">The segments, largest first.</param>
/// <param name="Assignments">Each customer's segment id.</param>
/// <param name="Scales">How each clustered feature was standardised.</param>
public sealed record Segmentation(IReadOnlyList<Segment> Segments, IReadOnlyDictionary<string, int> Assignments, IReadOnlyList<FeatureScale> Scales)
{
    /// <summary>The segment whose centroid is nearest to the customer (in z-scores); ties go to the lower id.</summary>
    public int Assign(FeatureVector customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var z = Scales.Select(s => s.Standardise(customer.Numbers.TryGetValue(s.Feature, out var v) ? v : null)).ToArray();
        return Segments
            .OrderBy(segment => Scales.Select((s, i) => Math.Pow(z[i] - s.Standardise(segment.Centroid[s.Feature]), 2)).Sum())
            .ThenBy(segment => segment.Id)
            .First().Id;
    }
}
