using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Service;

/// <summary>One SLA target of a case as the <c>cases</c> table keeps it.</summary>
internal sealed record CaseSlaEntry(SlaMetric Metric, DateTimeOffset WarnAt, DateTimeOffset DueAt, bool Met, bool Warned, bool Breached)
{
    /// <summary>The next instant this target needs a check, or null when it needs none.</summary>
    public DateTimeOffset? NextDue => Met || Breached ? null : Warned ? DueAt : WarnAt;
}
