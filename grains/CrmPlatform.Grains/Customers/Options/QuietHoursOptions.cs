namespace CrmPlatform.Grains.Customers.Options;

/// <summary>
/// Hours of the day, in <see cref="TimeZone"/>, in which messages are refused (not queued: the
/// caller asks again later). <see cref="Start"/> after <see cref="End"/> spans midnight.
/// </summary>
public sealed class QuietHoursOptions
{
    /// <summary>When quiet hours begin (local time).</summary>
    public TimeOnly Start { get; set; } = new(21, 0);

    /// <summary>When they end (local time).</summary>
    public TimeOnly End { get; set; } = new(8, 0);

    /// <summary>The IANA or Windows time zone id the hours are in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The channels they apply to; empty for every channel.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>True when <paramref name="at"/> falls in quiet hours for <paramref name="channel"/>.</summary>
    public bool Covers(string channel, DateTimeOffset at)
    {
        if (Channels.Count > 0 && !Channels.Contains(channel, StringComparer.Ordinal))
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        return Start <= End ? local >= Start && local < End : local >= Start || local < End;
    }
}
