namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>One encoded customer as ML.NET reads it.</summary>
internal sealed class ChurnRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
