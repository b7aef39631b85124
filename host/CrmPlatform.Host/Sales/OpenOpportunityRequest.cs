using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Sales;

/// <summary>The body of <c>POST /api/opportunities</c>; missing members are reported by name.</summary>
internal sealed record OpenOpportunityRequest(
    string? Id, string? CustomerId, string? Name, decimal? Amount, string? Currency, DateOnly? ExpectedCloseDate, string? Owner, OpportunityStage? Stage, int? Probability)
{
    public OpenOpportunity ToCommand() => new(CustomerId, Name, Amount, Currency, ExpectedCloseDate, Owner, Stage, Probability);
}
