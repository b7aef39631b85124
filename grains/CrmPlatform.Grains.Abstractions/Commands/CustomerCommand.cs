namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>A request to change one customer. Commands are named verb-noun; the events they cause, past tense.</summary>
[GenerateSerializer, Immutable, Alias("crm.command")]
public abstract record CustomerCommand;
