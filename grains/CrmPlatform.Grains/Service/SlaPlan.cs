using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Service;

/// <summary>
/// The SLA policy that applies to a case: its targets in business time of its calendar, and how
/// far into a target (a fraction from 0 to 1) the warning fires.
/// </summary>
public sealed record SlaPlan(string PolicyId, BusinessCalendar Calendar, IReadOnlyDictionary<SlaMetric, TimeSpan> Targets, double WarnAt)
{
    /// <summary>The deadlines of <paramref name="metrics"/>' targets for a clock that starts at <paramref name="start"/>.</summary>
    public IReadOnlyList<CaseSlaDeadline> Deadlines(DateTimeOffset start, IEnumerable<SlaMetric> metrics) =>
        [.. metrics.Where(Targets.ContainsKey).Order().Select(m => new CaseSlaDeadline(
            m, Calendar.Add(start, Targets[m] * WarnAt), Calendar.Add(start, Targets[m])))];

    /// <summary>
    /// The deadlines moved for a clock that paused at <paramref name="pausedAt"/> and resumes at
    /// <paramref name="resumedAt"/>: what business time was left of each is left again.
    /// </summary>
    public CaseSlaDeadline Resume(CaseSlaDeadline deadline, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return deadline with
        {
            WarnAt = Calendar.Add(resumedAt, Calendar.Between(pausedAt, deadline.WarnAt)),
            DueAt = Calendar.Add(resumedAt, Calendar.Between(pausedAt, deadline.DueAt)),
        };
    }

    /// <summary>
    /// The deadline of <paramref name="metric"/>'s target for a case opened at <paramref name="openedAt"/>
    /// whose clock stood still during <paramref name="pauses"/>, computed at <paramref name="reference"/>
    /// (now, or when the running pause began): the business time the case has used counts against
    /// this plan's target, and what is left runs from the reference. A target already used up is due at the reference.
    /// </summary>
    public CaseSlaDeadline Rescheduled(SlaMetric metric, DateTimeOffset openedAt, IEnumerable<SlaPause> pauses, DateTimeOffset reference)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        var used = Calendar.Between(openedAt, reference) - pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + Calendar.Between(p.From, p.To));
        var target = Targets[metric];
        return new CaseSlaDeadline(
            metric,
            Calendar.Add(reference, Left(target * WarnAt, used)),
            Calendar.Add(reference, Left(target, used)));
    }

    private static TimeSpan Left(TimeSpan target, TimeSpan used) => target > used ? target - used : TimeSpan.Zero;
}
