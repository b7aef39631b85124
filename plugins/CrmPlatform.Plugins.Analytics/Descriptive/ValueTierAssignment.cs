namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>One customer's place in the revenue ranking and the tier it gives.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Rank">1 for the customer with the most revenue; ties are ranked by customer id (ordinal).</param>
/// <param name="Revenue">The revenue counted (negative revenue counts as zero).</param>
/// <param name="RevenueShare">The customer's share of total revenue (0–1); 0 when there is no revenue at all.</param>
/// <param name="CumulativeShareBefore">
/// Share of revenue carried by the customers with strictly more revenue; this decides the tier.
/// </param>
/// <param name="CumulativeShare">Share of revenue carried by this customer and everyone ranked before it.</param>
/// <param name="Tier">The tier.</param>
public sealed record ValueTierAssignment(
    string CustomerId,
    int Rank,
    decimal Revenue,
    decimal RevenueShare,
    decimal CumulativeShareBefore,
    decimal CumulativeShare,
    ValueTier Tier);
