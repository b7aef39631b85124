namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Marks an open opportunity won.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.win")]
public sealed record WinOpportunity : OpportunityCommand;
