namespace CrmPlatform.Host.Sales;

/// <summary>The body of <c>POST /api/opportunities/{id}/lose</c>.</summary>
internal sealed record LoseRequest(string? Reason);
