namespace CrmPlatform.Host.Sales;

/// <summary>The body of <c>PATCH /api/opportunities/{id}</c>: what is left out stays.</summary>
internal sealed record ChangeTermsRequest(decimal? Amount, string? Currency, DateOnly? ExpectedCloseDate);
