namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>A request to change one opportunity. Commands are named verb-noun; the events they cause, past tense.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command")]
public abstract record OpportunityCommand;
