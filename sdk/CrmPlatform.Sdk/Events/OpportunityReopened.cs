using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Sdk.Events;

/// <summary>A lost opportunity was reopened, back in the open stage it was lost from.</summary>
/// <param name="Stage">The open stage it is in again.</param>
/// <param name="Probability">The chance of winning in that stage, in percent (0–100).</param>
[CustomerEvent("crm.opportunity.reopened", 1)]
public sealed record OpportunityReopened(OpportunityStage Stage, int Probability) : ICustomerEvent;
