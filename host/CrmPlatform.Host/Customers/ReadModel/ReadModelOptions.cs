namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>How the read model's projector treats an event it cannot apply (<c>Crm:ReadModel</c>).</summary>
public sealed class ReadModelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:ReadModel";

    /// <summary>How many times an event is tried on its own before it is parked.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the second attempt; it doubles for each attempt after that.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The wait after a failure that is not an event's (the log or the database unreachable).</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan DelayAfter(int attempt) => RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
}
