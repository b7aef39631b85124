namespace CrmPlatform.Host.Lifecycle;

/// <summary>How often the time-driven lifecycle rules are checked (configuration section <c>Crm:Lifecycle</c>).</summary>
public sealed class LifecycleSchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Lifecycle";

    /// <summary>The time between checks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
