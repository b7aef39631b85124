namespace CrmPlatform.Host.Tests.Plugins.Analytics;

/// <summary>
/// The system clock moved by an offset the test sets: the whole host sees days pass at once, while its
/// timers and delays keep running in real time (a frozen fake clock would stall the host's workers).
/// </summary>
internal sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
