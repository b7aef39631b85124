namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Marks an open opportunity lost, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.lose")]
public sealed record LoseOpportunity([property: Id(0)] string? Reason) : OpportunityCommand;
