using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Sdk.Events;

/// <summary>The opportunity was won.</summary>
/// <param name="From">The open stage it was won from.</param>
/// <param name="Amount">The deal value won.</param>
/// <param name="Currency">ISO 4217 currency code, upper case.</param>
[CustomerEvent("crm.opportunity.won", 1)]
public sealed record OpportunityWon(OpportunityStage From, decimal Amount, string Currency) : ICustomerEvent;
