namespace CrmPlatform.Plugins.Analytics.Offers;

/// <summary>The next best offer for a customer: a product they have not bought, and why.</summary>
/// <param name="Sku">The product to offer.</param>
/// <param name="Score">The suggesting rule's confidence: the share of comparable customers who bought it.</param>
/// <param name="Rule">The rule that suggests it.</param>
public sealed record OfferRecommendation(string Sku, double Score, AssociationRule Rule);
