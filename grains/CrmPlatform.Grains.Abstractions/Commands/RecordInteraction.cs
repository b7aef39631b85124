using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>Records that the business and the customer talked.</summary>
[GenerateSerializer, Immutable, Alias("crm.command.record-interaction")]
public sealed record RecordInteraction(
    [property: Id(0)] string? InteractionId,
    [property: Id(1)] string? Channel,
    [property: Id(2)] InteractionDirection Direction,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? Summary,
    [property: Id(5)] DateTimeOffset? OccurredAt) : CustomerCommand;
