using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>The customer's consent on one channel, with its proof.</summary>
[GenerateSerializer, Immutable, Alias("crm.consent")]
public sealed record ConsentView(
    [property: Id(0)] ConsentStatus Status,
    [property: Id(1)] string Source,
    [property: Id(2)] DateTimeOffset At);
