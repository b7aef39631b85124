using CrmPlatform.Plugins.Analytics.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>
/// Segments customers with k-means (ML.NET, k-means++ initialisation, one thread, fixed seed: the same customers
/// and options always give the same segments) over standardised numeric features, and describes each segment.
/// </summary>
public static class CustomerSegmenter
{
    /// <summary>Segments the customers.</summary>
    /// <exception cref="ArgumentException">No features to cluster on, k below 1, or fewer customers than segments.</exception>
    public static Segmentation Segment(IReadOnlyCollection<FeatureVector> customers, SegmentationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= new SegmentationOptions();
        if (options.Features.Count == 0 || options.SegmentCount < 1)
        {
            throw new ArgumentException("Segmentation needs at least one feature and at least one segment.", nameof(options));
        }

        if (customers.Count < options.SegmentCount)
        {
            throw new ArgumentException($"{customers.Count} customers cannot form {options.SegmentCount} segments.", nameof(customers));
        }

        var ordered = customers.OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        var scales = options.Features.Select(f => Scale(f, ordered)).ToList();
        var rows = ordered.Select(c => new SegmentRow { Features = [.. scales.Select(s => (float)s.Standardise(Value(c, s.Feature)))] }).ToList();
        var clusters = Cluster(rows, scales.Count, options);

        var groups = Enumerable.Range(0, ordered.Count)
            .GroupBy(i => clusters[i])
            .Select(g => g.ToList())
            .OrderByDescending(g => g.Count)
            .ThenBy(g => ordered[g[0]].CustomerId, StringComparer.Ordinal)
            .ToList();
        var segments = new List<Segment>();
        var assignments = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var members in groups)
        {
            var id = segments.Count + 1;
            var centroid = scales.ToDictionary(
                s => s.Feature,
                s => members.Average(i => Value(ordered[i], s.Feature) is { } v && double.IsFinite(v) ? v : s.Mean),
                StringComparer.Ordinal);
            var memberVectors = members.Select(i => ordered[i]).ToList();
            var description = SegmentDescriber.Describe(scales, centroid, options.DescribeCategories, memberVectors, ordered);
            segments.Add(new Segment(id, members.Count, (double)members.Count / ordered.Count, centroid, description));
            foreach (var i in members)
            {
                assignments[ordered[i].CustomerId] = id;
            }
        }

        return new Segmentation(segments, assignments, scales);
    }

    private static uint[] Cluster(List<SegmentRow> rows, int width, SegmentationOptions options)
    {
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(SegmentRow));
        schema[nameof(SegmentRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var model = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = options.SegmentCount,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 1000,
        }).Fit(data);
        return [.. model.Transform(data).GetColumn<uint>("PredictedLabel")];
    }

    private static FeatureScale Scale(string feature, List<FeatureVector> customers)
    {
        var values = customers.Select(c => Value(c, feature)).Where(v => v is { } d && double.IsFinite(d)).Select(v => v!.Value).ToList();
        if (values.Count == 0)
        {
            return new FeatureScale(feature, 0, 0);
        }

        var mean = values.Average();
        return new FeatureScale(feature, mean, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
    }

    private static double? Value(FeatureVector customer, string feature) =>
        customer.Numbers.TryGetValue(feature, out var value) ? value : null;
}
