using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Moves an open opportunity to another open stage; the probability defaults to the stage's.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.move-stage")]
public sealed record MoveOpportunityStage(
    [property: Id(0)] OpportunityStage? Stage,
    [property: Id(1)] int? Probability) : OpportunityCommand;
