namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>One analytics result on the customer.</summary>
[GenerateSerializer, Immutable, Alias("crm.insight")]
public sealed record InsightView(
    [property: Id(0)] double? Value,
    [property: Id(1)] string? Label,
    [property: Id(2)] string Source,
    [property: Id(3)] DateTimeOffset At);
