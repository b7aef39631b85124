using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>A service case that is not yet resolved.</summary>
[GenerateSerializer, Immutable, Alias("crm.open-case")]
public sealed record OpenCaseView(
    [property: Id(0)] string CaseId,
    [property: Id(1)] CaseKind Kind,
    [property: Id(2)] CasePriority Priority,
    [property: Id(3)] string Subject,
    [property: Id(4)] DateTimeOffset OpenedAt);
