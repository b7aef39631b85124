using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>Filters for a page of cases (all optional), ordered by id after <paramref name="AfterId"/>.</summary>
internal sealed record CaseListQuery(CaseStatus? Status, string? Queue, string? Owner, string? CustomerId, bool? Breached, string? AfterId, int Limit);
