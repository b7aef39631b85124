using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>One entry of a customer's stage history.</summary>
[GenerateSerializer, Immutable, Alias("crm.stage-change")]
public sealed record StageChange(
    [property: Id(0)] LifecycleStage From,
    [property: Id(1)] LifecycleStage To,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? Rule,
    [property: Id(4)] string Actor,
    [property: Id(5)] DateTimeOffset At);
