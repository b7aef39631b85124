namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>A request to change one service case. Commands are named verb-noun; the events they cause, past tense.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command")]
public abstract record CaseCommand;
