using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Sdk.Events;

/// <summary>The opportunity was lost.</summary>
/// <param name="From">The open stage it was lost from; reopening returns it there.</param>
/// <param name="Reason">Why it was lost.</param>
[CustomerEvent("crm.opportunity.lost", 1)]
public sealed record OpportunityLost(OpportunityStage From, string Reason) : ICustomerEvent;
