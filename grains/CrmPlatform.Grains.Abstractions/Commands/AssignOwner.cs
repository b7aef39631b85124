namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Makes someone responsible for the customer (null to unassign).</summary>
[GenerateSerializer, Immutable, Alias("crm.command.assign-owner")]
public sealed record AssignOwner([property: Id(0)] string? Owner) : CustomerCommand;
