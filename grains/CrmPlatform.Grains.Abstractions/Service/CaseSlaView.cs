using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>One SLA target of a case: when it warns and is due, and whether it was met, warned or breached.</summary>
[GenerateSerializer, Immutable, Alias("crm.case-sla-view")]
public sealed record CaseSlaView(
    [property: Id(0)] SlaMetric Metric,
    [property: Id(1)] DateTimeOffset WarnAt,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] DateTimeOffset? MetAt,
    [property: Id(4)] bool Warned,
    [property: Id(5)] bool Breached,
    [property: Id(6)] bool Paused);
