namespace CrmPlatform.Plugins.Analytics.Offers;

/// <summary>A product pair rule: customers who bought <paramref name="Antecedent"/> also bought <paramref name="Consequent"/>.</summary>
/// <param name="Antecedent">The product bought (SKU).</param>
/// <param name="Consequent">The product it suggests (SKU).</param>
/// <param name="Support">Share of all customers who bought both.</param>
/// <param name="Confidence">Share of the antecedent's buyers who also bought the consequent.</param>
/// <param name="Lift">Confidence divided by the consequent's share of all customers (above 1: bought together more than by chance).</param>
public sealed record AssociationRule(string Antecedent, string Consequent, double Support, double Confidence, double Lift);
