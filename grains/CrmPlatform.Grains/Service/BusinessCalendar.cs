namespace CrmPlatform.Grains.Service;

/// <summary>
/// Business time: working hours per weekday in an IANA time zone, minus holidays. Adds business
/// time to an instant and measures business time between two instants; the SLA clocks run on it.
/// Days are walked in the zone's local time, so a daylight-saving change moves the windows with
/// the wall clock, as people's working hours do.
/// </summary>
public sealed class BusinessCalendar
{
    // Ten years of days without a working hour means the calendar has none.
    private const int MaxDays = 3_660;
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyDictionary<DayOfWeek, WorkingHours> _hours;
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates a calendar.</summary>
    /// <exception cref="ArgumentException">A day's hours are not a window within the day, or no weekday has any.</exception>
    public BusinessCalendar(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, WorkingHours> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        if (hours.Count == 0 || hours.Values.Any(h => !h.IsValid))
        {
            throw new ArgumentException("Working hours must be a non-empty window within the day, on at least one weekday.", nameof(hours));
        }

        _zone = zone;
        _hours = hours;
        _holidays = [.. holidays];
    }

    /// <summary>Every hour of every day, in UTC: business time is elapsed time.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => new WorkingHours(TimeSpan.Zero, TimeSpan.FromDays(1))), []);

    /// <summary>The instant when <paramref name="businessTime"/> of working time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        if (businessTime <= TimeSpan.Zero)
        {
            return start;
        }

        var remaining = businessTime;
        foreach (var (from, to) in Windows(start))
        {
            var length = to - from;
            if (remaining <= length)
            {
                return from + remaining;
            }

            remaining -= length;
        }

        throw new InvalidOperationException("The calendar has no working hours within ten years.");
    }

    /// <summary>The working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }

        foreach (var (start, end) in Windows(from))
        {
            if (start >= to)
            {
                break;
            }

            total += (end < to ? end : to) - start;
        }

        return total;
    }

    /// <summary>The working windows, in order, clipped to start at <paramref name="from"/>.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Windows(DateTimeOffset from)
    {
        // Start a day early: a window of the previous local day may still be open at 'from'.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime).AddDays(-1);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            if (_holidays.Contains(day) || !_hours.TryGetValue(day.DayOfWeek, out var hours))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            var start = ToUtc(midnight + hours.Start);
            var end = ToUtc(midnight + hours.End);
            if (end <= from)
            {
                continue;
            }

            yield return (start < from ? from : start, end);
        }
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        // A wall-clock time skipped by a daylight-saving jump does not exist: take the first one after it.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }
}
