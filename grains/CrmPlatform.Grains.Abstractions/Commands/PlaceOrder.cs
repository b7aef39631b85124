using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Records an order the customer placed.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.place-order")]
public sealed record PlaceOrder(
    [property: Id(0)] string? OrderId,
    [property: Id(1)] decimal? Amount,
    [property: Id(2)] string? Currency,
    [property: Id(3)] IReadOnlyList<OrderLine>? Lines,
    [property: Id(4)] DateTimeOffset? PlacedAt) : CustomerCommand;
