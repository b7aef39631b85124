using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>An opportunity as it stands now.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-view")]
public sealed record OpportunityView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Name,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] string Currency,
    [property: Id(5)] DateOnly ExpectedCloseDate,
    [property: Id(6)] string Owner,
    [property: Id(7)] OpportunityStage Stage,
    [property: Id(8)] int Probability,
    [property: Id(9)] string? LostReason,
    [property: Id(10)] DateTimeOffset OpenedAt,
    [property: Id(11)] DateTimeOffset? ClosedAt,
    [property: Id(12)] long Version);
