using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Sales;

/// <summary>A filter over the <c>opportunities</c> table, one page after <paramref name="AfterId"/>, ordered by id.</summary>
internal sealed record OpportunityListQuery(OpportunityStage? Stage, string? Owner, string? CustomerId, string? AfterId, int Limit);
