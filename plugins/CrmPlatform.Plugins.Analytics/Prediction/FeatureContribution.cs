namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>How much one feature pushed a customer's churn score up (positive) or down (negative).</summary>
/// <param name="Feature">The feature: a number's name (<c>attr.tenure</c>) or a category with the customer's value (<c>attr.contract=Month-to-month</c>).</param>
/// <param name="Contribution">The feature's share of the model's raw score, in the units of the trees' raw score (before calibration): compare them with each other, not with probabilities.</param>
public sealed record FeatureContribution(string Feature, double Contribution);
