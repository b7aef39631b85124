using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Moves the customer to another lifecycle stage, for a reason.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.change-stage")]
public sealed record ChangeStage(
    [property: Id(0)] LifecycleStage To,
    [property: Id(1)] string? Reason) : CustomerCommand;
