namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Reopens a lost opportunity in the stage it was lost from.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.reopen")]
public sealed record ReopenOpportunity : OpportunityCommand;
