namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>One customer's standardised features as ML.NET reads them.</summary>
internal sealed class SegmentRow
{
    public float[] Features { get; set; } = [];
}
