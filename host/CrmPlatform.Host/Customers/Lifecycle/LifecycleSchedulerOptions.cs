namespace CrmPlatform.Host.Customers.Lifecycle;

/// <summary>How often the time-driven lifecycle rules are checked (configuration section <c>Crm:Lifecycle</c>).</summary>
public sealed class LifecycleSchedulerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Lifecycle";

    /// <summary>The shortest interval: Orleans reminders tick at most once a minute.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest interval a timer supports (about 49.7 days).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The time between checks; from <see cref="MinInterval"/> to <see cref="MaxInterval"/>.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
