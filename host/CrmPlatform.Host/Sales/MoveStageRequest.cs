using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Sales;

/// <summary>The body of <c>POST /api/opportunities/{id}/stage</c>.</summary>
internal sealed record MoveStageRequest(OpportunityStage? Stage, int? Probability);
