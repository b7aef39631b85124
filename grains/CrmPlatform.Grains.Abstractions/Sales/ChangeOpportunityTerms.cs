namespace CrmPlatform.Grains.Abstractions.Sales;

/// <summary>Changes an open opportunity's amount (with its currency) and/or expected close date; what is null stays.</summary>
[GenerateSerializer, Immutable, Alias("crm.opportunity-command.change-terms")]
public sealed record ChangeOpportunityTerms(
    [property: Id(0)] decimal? Amount,
    [property: Id(1)] string? Currency,
    [property: Id(2)] DateOnly? ExpectedCloseDate) : OpportunityCommand;
