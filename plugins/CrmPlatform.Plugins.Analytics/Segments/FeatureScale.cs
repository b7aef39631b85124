namespace CrmPlatform.Plugins.Analytics.Segments;

/// <summary>How one feature is standardised: z = (value − mean) / standard deviation; a missing value counts as the mean.</summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Mean">Population mean.</param>
/// <param name="StandardDeviation">Population standard deviation (0 when the feature is constant, which then weighs nothing).</param>
public sealed record FeatureScale(string Feature, double Mean, double StandardDeviation)
{
    /// <summary>The value's z-score.</summary>
    public double Standardise(double? value) =>
        value is { } v && double.IsFinite(v) && StandardDeviation > 0 ? (v - Mean) / StandardDeviation : 0;
}
