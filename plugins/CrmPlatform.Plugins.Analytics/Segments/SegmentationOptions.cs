namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>What k-means segmentation clusters on and how.</summary>
public sealed record SegmentationOptions
{
    /// <summary>The numeric features to cluster on (standardised to z-scores first).</summary>
    public IReadOnlyList<string> Features { get; init; } = ["recency.days", "orders.count", "monetary.total", "tenure.days"];

    /// <summary>Categorical features whose typical value describes a segment (when it stands out), e.g. <c>attr.contract</c>.</summary>
    public IReadOnlyList<string> DescribeCategories { get; init; } = [];

    /// <summary>How many segments (k).</summary>
    public int SegmentCount { get; init; } = 4;

    /// <summary>Seed for the cluster initialisation: the same customers and options give the same segments.</summary>
    public int Seed { get; init; } = 42;
}
