namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>One customer segment.</summary>
/// <param name="Id">1 for the largest segment, 2 for the next …</param>
/// <param name="Size">Customers in the segment.</param>
/// <param name="Share">Share of all customers (0–1).</param>
/// <param name="Centroid">The segment's mean of each feature, in the feature's own units (missing values count as the population mean).</param>
/// <param name="Description">The segment in plain words, relative to the population ("recent, frequent, high spend").</param>
public sealed record Segment(int Id, int Size, double Share, IReadOnlyDictionary<string, double> Centroid, string Description);
