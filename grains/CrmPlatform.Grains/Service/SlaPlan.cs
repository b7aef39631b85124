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
}
