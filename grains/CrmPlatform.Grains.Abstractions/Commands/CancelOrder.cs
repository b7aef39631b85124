namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Cancels an order the customer placed.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.cancel-order")]
public sealed record CancelOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string? Reason) : CustomerCommand;
