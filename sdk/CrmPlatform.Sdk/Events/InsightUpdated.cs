namespace CrmPlatform.Sdk.Events;

/// <summary>An analytics module wrote a result back onto the customer.</summary>
/// <param name="Name">The insight's name (for example <c>churn-risk</c>, <c>value-tier</c>).</param>
/// <param name="Value">A numeric value, when the insight has one.</param>
/// <param name="Label">A label, when the insight has one (for example <c>VIP</c>).</param>
/// <param name="Source">The module that computed it.</param>
[CustomerEvent("crm.customer.insight-updated", 1)]
public sealed record InsightUpdated(string Name, double? Value, string? Label, string Source) : ICustomerEvent;
