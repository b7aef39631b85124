using CrmPlatform.Plugins.Analytics.Features;

namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>One labelled customer for training the churn model.</summary>
/// <param name="Features">The customer's features as the feature store keeps them.</param>
/// <param name="Churned">Whether the customer churned.</param>
public sealed record ChurnExample(FeatureVector Features, bool Churned);
