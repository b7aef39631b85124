namespace CrmPlatform.Host.Storage;

/// <summary>How a <see cref="LogProjector"/> treats failures.</summary>
/// <param name="MaxAttempts">How many times an event is tried on its own before it is parked.</param>
/// <param name="RetryDelay">The wait before the second attempt; it doubles for each attempt after that.</param>
/// <param name="FailureDelay">The wait after a failure that is not an event's (the log or the database unreachable).</param>
public sealed record ProjectionRetry(int MaxAttempts, TimeSpan RetryDelay, TimeSpan FailureDelay)
{
    /// <summary>The wait before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan DelayAfter(int attempt) => RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
}
