namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>
/// One customer's features as the models read them: numbers and categories by name. The feature
/// store fills it from the customer's events and custom attributes (an attribute <c>contract</c>
/// becomes <c>attr.contract</c>); it never holds the lifecycle stage, which is what churn models predict.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Numbers">Numeric features by name (booleans as 0 and 1).</param>
/// <param name="Categories">Categorical features by name.</param>
public sealed record FeatureVector(
    string CustomerId,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string> Categories);
