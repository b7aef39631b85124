using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Sdk.Events;

/// <summary>An open opportunity moved from one open stage of the pipeline to another.</summary>
/// <param name="From">The stage it left.</param>
/// <param name="To">The stage it entered.</param>
/// <param name="Probability">The chance of winning in the new stage, in percent (0–100).</param>
[CustomerEvent("crm.opportunity.stage-moved", 1)]
public sealed record OpportunityStageMoved(OpportunityStage From, OpportunityStage To, int Probability) : ICustomerEvent;
