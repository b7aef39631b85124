using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Grants or withdraws consent to be contacted on one channel.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.set-consent")]
public sealed record SetConsent(
    [property: Id(0)] string Channel,
    [property: Id(1)] ConsentStatus Status,
    [property: Id(2)] string? Source) : CustomerCommand;
