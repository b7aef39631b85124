namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>What the model gives back for one customer, as ML.NET writes it.</summary>
internal sealed class ChurnOutput
{
    public float Probability { get; set; }

    public float[] FeatureContributions { get; set; } = [];
}
