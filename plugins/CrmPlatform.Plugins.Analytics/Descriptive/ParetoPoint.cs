namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>One point of the Pareto (cumulative revenue) curve.</summary>
/// <param name="CustomerShare">Share of customers counted so far, top customers first (0–1).</param>
/// <param name="RevenueShare">Share of total revenue those customers carry (0–1).</param>
public sealed record ParetoPoint(decimal CustomerShare, decimal RevenueShare);
