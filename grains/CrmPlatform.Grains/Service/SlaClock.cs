using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Service;

/// <summary>One SLA target of a case as its stream says: its deadline and what happened to it.</summary>
public sealed record SlaClock(CaseSlaDeadline Deadline, DateTimeOffset? MetAt, bool Warned, bool Breached)
{
    /// <summary>The view of it, paused or not.</summary>
    public CaseSlaView ToView(bool paused) =>
        new(Deadline.Metric, Deadline.WarnAt, Deadline.DueAt, MetAt, Warned, Breached, paused && MetAt is null);
}
