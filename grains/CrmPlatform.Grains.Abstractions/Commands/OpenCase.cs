using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Opens a service case.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.open-case")]
public sealed record OpenCase(
    [property: Id(0)] string? CaseId,
    [property: Id(1)] CaseKind Kind,
    [property: Id(2)] CasePriority Priority,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? Description) : CustomerCommand;
