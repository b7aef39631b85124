namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>What retrying every parked event did.</summary>
/// <param name="Applied">How many were applied and left the parked list.</param>
/// <param name="Failed">The ones that failed again, and why; they stay parked.</param>
internal sealed record ParkedRetrySummary(int Applied, IReadOnlyList<ParkedRetryFailure> Failed);
