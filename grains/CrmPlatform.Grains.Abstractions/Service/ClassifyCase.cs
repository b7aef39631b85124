using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Changes a case's priority, category or tags; null members keep their value.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.classify")]
public sealed record ClassifyCase(
    [property: Id(0)] CasePriority? Priority,
    [property: Id(1)] string? Category,
    [property: Id(2)] IReadOnlyList<string>? Tags) : CaseCommand;
