using CrmPlatform.Grains.Service;

namespace CrmPlatform.Grains.Tests;

public sealed class BusinessCalendarTests
{
    // Berlin is UTC+1 in winter: 09:00–17:00 local is 08:00–16:00 UTC.
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Holiday = new(2025, 1, 13); // a Monday

    private static BusinessCalendar Weekdays(params DateOnly[] holidays) => new(
        Berlin,
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => new WorkingHours(TimeSpan.FromHours(9), TimeSpan.FromHours(17))),
        holidays);

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2025, 1, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Add_WithinOneDay_IsElapsedTime()
    {
        Assert.Equal(Utc(6, 12), Weekdays().Add(Utc(6, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_ExactlyToTheEndOfTheDay_EndsAtClosingNotNextMorning()
    {
        Assert.Equal(Utc(10, 16), Weekdays().Add(Utc(10, 12), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_FromFridayAfternoon_SkipsTheWeekend()
    {
        // Friday 15:00 local (14:00 UTC) + 4 h: 2 h on Friday, 2 h on Monday from 09:00 local.
        Assert.Equal(Utc(13, 10), Weekdays().Add(Utc(10, 14), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_FromFridayAfternoon_SkipsTheWeekendAndAMondayHoliday()
    {
        Assert.Equal(Utc(14, 10), Weekdays(Holiday).Add(Utc(10, 14), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_StartingOnASaturday_StartsCountingOnMonday()
    {
        Assert.Equal(Utc(13, 9), Weekdays().Add(Utc(11, 11), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Add_ManyDays_CountsOnlyWorkingHours()
    {
        // 3 working days of 8 h from Thursday 09:00 local: Thu, Fri, (weekend), (holiday Mon), Tue → ends Tue 17:00 local.
        Assert.Equal(Utc(14, 16), Weekdays(Holiday).Add(Utc(9, 8), TimeSpan.FromHours(24)));
    }

    [Fact]
    public void Between_AcrossWeekendAndHoliday_CountsOnlyWorkingHours()
    {
        var calendar = Weekdays(Holiday);

        Assert.Equal(TimeSpan.FromHours(4), calendar.Between(Utc(10, 14), Utc(14, 10)));
        Assert.Equal(TimeSpan.Zero, calendar.Between(Utc(11, 0), Utc(13, 23)));
        Assert.Equal(TimeSpan.Zero, calendar.Between(Utc(14, 10), Utc(10, 14)));
    }

    [Fact]
    public void Between_IsTheInverseOfAdd()
    {
        var calendar = Weekdays(Holiday);
        var start = Utc(8, 15, 30);
        foreach (var hours in new[] { 0.5, 3, 8, 11, 40 })
        {
            var amount = TimeSpan.FromHours(hours);
            Assert.Equal(amount, calendar.Between(start, calendar.Add(start, amount)));
        }
    }

    [Fact]
    public void Add_AcrossTheDaylightSavingChange_FollowsTheWallClock()
    {
        // Friday 28 March 2025 16:00 local (15:00 UTC, UTC+1) + 2 h: 1 h Friday, 1 h Monday 31 March from 09:00 local = 07:00 UTC (UTC+2).
        var start = new DateTimeOffset(2025, 3, 28, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 8, 0, 0, TimeSpan.Zero), Weekdays().Add(start, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Constructor_WithoutWorkingHours_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Berlin, new Dictionary<DayOfWeek, WorkingHours>(), []));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(
            Berlin, new Dictionary<DayOfWeek, WorkingHours> { [DayOfWeek.Monday] = new(TimeSpan.FromHours(17), TimeSpan.FromHours(9)) }, []));
    }
}
