namespace CrmPlatform.Grains.Service;

/// <summary>One day's working hours in a calendar's local time: from <see cref="Start"/> to <see cref="End"/> after midnight (at most 24 h).</summary>
public readonly record struct WorkingHours(TimeSpan Start, TimeSpan End)
{
    /// <summary>True when the window is non-empty and within the day.</summary>
    public bool IsValid => Start >= TimeSpan.Zero && End > Start && End <= TimeSpan.FromDays(1);
}
