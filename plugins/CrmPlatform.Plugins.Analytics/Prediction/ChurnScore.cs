namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>One customer's churn risk.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Probability">Calibrated probability that the customer churns.</param>
/// <param name="AtRisk">Whether <paramref name="Probability"/> reaches the model's threshold.</param>
/// <param name="TopContributions">The features that moved the score most, largest absolute contribution first.</param>
public sealed record ChurnScore(string CustomerId, double Probability, bool AtRisk, IReadOnlyList<FeatureContribution> TopContributions);
