using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>Opens a case for a customer; members are nullable so that missing fields are reported by name.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-command.open")]
public sealed record OpenServiceCase(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] CaseKind? Kind,
    [property: Id(2)] CasePriority? Priority,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? Description,
    [property: Id(5)] string? Category,
    [property: Id(6)] IReadOnlyList<string>? Tags,
    [property: Id(7)] string? Queue,
    [property: Id(8)] string? Owner,
    [property: Id(9)] string? OpportunityId,
    [property: Id(10)] string? OrderId,
    [property: Id(11)] string? ProductId) : CaseCommand;
