using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>
/// One case as the <c>cases</c> table holds it: the fold of its stream, for lists, agents' work and
/// the SLA due index (<see cref="NextDueAt"/>: the next instant the case's grain must check its
/// clocks; null while the clock is paused or nothing is left to fire).
/// </summary>
internal sealed record CaseRow(
    string Id,
    string CustomerId,
    string Subject,
    CaseKind Kind,
    CasePriority Priority,
    CaseStatus Status,
    string? Category,
    string? Queue,
    string? Owner,
    IReadOnlyList<string> Tags,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<CaseSlaEntry> Sla,
    long Version)
{
    /// <summary>True when any SLA target of the case was breached.</summary>
    public bool Breached => Sla.Any(s => s.Breached);

    /// <summary>The due-index instant: the earliest next check of a running clock.</summary>
    public DateTimeOffset? NextDueAt =>
        Status is CaseStatus.New or CaseStatus.Open ? Sla.Select(s => s.NextDue).Where(d => d is not null).Min() : null;

    /// <summary>Folds one event of a case's stream (null before its first); events already seen are ignored.</summary>
    public static CaseRow? Apply(CaseRow? row, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (row is not null && envelope.Sequence <= row.Version)
        {
            return row;
        }

        var at = envelope.OccurredAt;
        if (envelope.Event is ServiceCaseOpened o)
        {
            return new CaseRow(o.CaseId, envelope.CustomerId, o.Subject, o.Kind, o.Priority, CaseStatus.New, o.Category, o.Queue, o.Owner, o.Tags, at, at, null, null, [], envelope.Sequence);
        }

        if (row is null)
        {
            return null;
        }

        row = row with { UpdatedAt = at, Version = envelope.Sequence };
        return envelope.Event switch
        {
            CaseStatusChanged e => row with
            {
                Status = e.To,
                ResolvedAt = e.To == CaseStatus.Resolved ? at : e.To == CaseStatus.Closed ? row.ResolvedAt : null,
                Sla = e.To == CaseStatus.Resolved ? Mark(row.Sla, SlaMetric.Resolution, s => s with { Met = true })
                    : e.From == CaseStatus.Resolved ? Mark(row.Sla, SlaMetric.Resolution, s => s with { Met = false }) : row.Sla,
            },
            CaseAssigned e => row with { Queue = e.Queue, Owner = e.Owner },
            CaseClassified e => row with { Priority = e.Priority, Category = e.Category, Tags = e.Tags },
            CaseNoteAdded { Internal: false } when row.FirstRespondedAt is null =>
                row with { FirstRespondedAt = at, Sla = Mark(row.Sla, SlaMetric.FirstResponse, s => s with { Met = true }) },
            CaseSlaScheduled e => row with { Sla = Schedule(row.Sla, e.Deadlines) },
            CaseSlaWarned e => row with { Sla = Mark(row.Sla, e.Metric, s => s with { Warned = true }) },
            CaseSlaBreached e => row with { Sla = Mark(row.Sla, e.Metric, s => s with { Breached = true }) },
            _ => row,
        };
    }

    private static CaseSlaEntry[] Mark(IReadOnlyList<CaseSlaEntry> sla, SlaMetric metric, Func<CaseSlaEntry, CaseSlaEntry> change) =>
        [.. sla.Select(s => s.Metric == metric ? change(s) : s)];

    private static CaseSlaEntry[] Schedule(IReadOnlyList<CaseSlaEntry> sla, IReadOnlyList<CaseSlaDeadline> deadlines)
    {
        var byMetric = sla.ToDictionary(s => s.Metric);
        foreach (var d in deadlines)
        {
            byMetric[d.Metric] = byMetric.TryGetValue(d.Metric, out var s)
                ? s with { WarnAt = d.WarnAt, DueAt = d.DueAt }
                : new CaseSlaEntry(d.Metric, d.WarnAt, d.DueAt, false, false, false);
        }

        return [.. byMetric.Values.OrderBy(s => s.Metric)];
    }
}
