namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>A parked event that failed again when retried.</summary>
/// <param name="Position">The event's position in the log.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record ParkedRetryFailure(long Position, string Error);
