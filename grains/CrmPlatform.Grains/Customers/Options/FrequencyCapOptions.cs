namespace CrmPlatform.Grains.Customers.Options;

/// <summary>At most <see cref="MaxMessages"/> messages within any <see cref="Window"/>.</summary>
public sealed class FrequencyCapOptions
{
    /// <summary>The most messages in a window.</summary>
    public int MaxMessages { get; set; } = 3;

    /// <summary>The rolling window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);
}
