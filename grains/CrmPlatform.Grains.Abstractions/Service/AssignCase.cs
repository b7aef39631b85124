namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Puts a case in a queue and/or gives it to an agent; a queue without an agent lets the queue's strategy choose one.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.assign")]
public sealed record AssignCase([property: Id(0)] string? Queue, [property: Id(1)] string? Owner) : CaseCommand;
