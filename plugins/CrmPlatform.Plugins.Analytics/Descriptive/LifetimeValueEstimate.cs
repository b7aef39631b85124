namespace CrmPlatform.Plugins.Analytics.Descriptive;

/// <summary>One customer's lifetime value, historical and predicted, with the figures it was computed from.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Contribution">Revenue × margin.</param>
/// <param name="CostToServe">Orders × cost per order + interactions × cost per interaction + cases × cost per case.</param>
/// <param name="Historical">Contribution − cost to serve: what the customer has been worth so far; may be negative.</param>
/// <param name="AverageOrderValue">Revenue ÷ orders; 0 without orders.</param>
/// <param name="PurchasesPerYear">Orders ÷ years observed (at least the minimum observation period).</param>
/// <param name="ExpectedRemainingYears">1 ÷ annual churn rate.</param>
/// <param name="Predicted">
/// Average order value × purchases per year × margin × expected remaining years: the contribution still to come.
/// </param>
public sealed record LifetimeValueEstimate(
    string CustomerId,
    decimal Contribution,
    decimal CostToServe,
    decimal Historical,
    decimal AverageOrderValue,
    decimal PurchasesPerYear,
    decimal ExpectedRemainingYears,
    decimal Predicted);
