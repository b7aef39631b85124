using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Opens an opportunity for an account; members are nullable so that missing fields are reported by name.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.open")]
public sealed record OpenOpportunity(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] string? Name,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] string? Currency,
    [property: Id(4)] DateOnly? ExpectedCloseDate,
    [property: Id(5)] string? Owner,
    [property: Id(6)] OpportunityStage? Stage,
    [property: Id(7)] int? Probability) : OpportunityCommand;
