namespace CrmPlatform.Host.Service;

/// <summary>A business calendar: an IANA time zone, working hours per weekday, holidays. Members are nullable so that missing ones are reported by name.</summary>
internal sealed record CalendarDefinition(string? TimeZone, IReadOnlyList<WorkingDay>? Hours, IReadOnlyList<DateOnly>? Holidays);

/// <summary>One weekday's working hours in the calendar's local time (end after start).</summary>
internal sealed record WorkingDay(DayOfWeek? Day, TimeOnly? Start, TimeOnly? End);
