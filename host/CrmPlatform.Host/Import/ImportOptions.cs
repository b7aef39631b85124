namespace CrmPlatform.Host.Import;

/// <summary>How imports run (configuration section <c>Crm:Import</c>).</summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Import";

    /// <summary>The largest file accepted.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Rows processed between two stored progress points (the most a resumed job re-sends).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Customers written to at once within a batch.</summary>
    public int MaxParallelCustomers { get; set; } = 64;

    /// <summary>Bad rows kept per job (all are counted).</summary>
    public int MaxStoredErrors { get; set; } = 10_000;

    /// <summary>How often a runner looks for jobs that nobody is running (another silo's, after it died).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running job whose progress was not stored for this long is taken over by another silo.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
}
