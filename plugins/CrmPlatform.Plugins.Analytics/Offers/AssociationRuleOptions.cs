namespace CrmPlatform.Plugins.Analytics.Offers;

/// <summary>Which product pair rules are strong enough to keep.</summary>
public sealed record AssociationRuleOptions
{
    /// <summary>Fewest customers, as a share of all (0–1), who must have bought both products.</summary>
    public double MinimumSupport { get; init; } = 0.01;

    /// <summary>Lowest share (0–1) of the first product's buyers who must also have bought the second.</summary>
    public double MinimumConfidence { get; init; } = 0.1;
}
