using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>One customer as the read model lists it.</summary>
public sealed record CustomerListItem(
    string Id,
    CustomerKind Kind,
    string DisplayName,
    string? PrimaryEmail,
    string? PrimaryPhone,
    string? Company,
    LifecycleStage Stage,
    string? Tier,
    decimal Revenue,
    int OrderCount,
    DateTimeOffset? LastOrderAt,
    DateTimeOffset? LastActivityAt,
    IReadOnlyList<string> Tags,
    string? Owner,
    long Version);
