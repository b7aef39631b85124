namespace CrmPlatform.Host.Plugins.Jobs;

/// <summary>How one run of a plugin's job went.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="Job">The job's name.</param>
/// <param name="StartedAt">When the run began.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Succeeded">Whether the job returned without throwing or timing out.</param>
/// <param name="Error">What went wrong, when it did.</param>
public sealed record JobRunOutcome(string PluginId, string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Succeeded, string? Error)
{
    /// <summary>How long the run took, in milliseconds.</summary>
    public double DurationMs => (FinishedAt - StartedAt).TotalMilliseconds;
}
