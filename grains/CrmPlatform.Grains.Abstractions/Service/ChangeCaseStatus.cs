using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Moves a case to another status (resolving needs a reason: the resolution).</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.change-status")]
public sealed record ChangeCaseStatus([property: Id(0)] CaseStatus? To, [property: Id(1)] string? Reason) : CaseCommand;
