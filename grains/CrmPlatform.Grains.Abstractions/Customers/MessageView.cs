using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>An outbound message as the customer's grain knows it.</summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Recipient">The address it goes to.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="ProviderMessageId">The provider's id, once sent.</param>
/// <param name="RequestedAt">When it was requested.</param>
/// <param name="Request">The request as recorded (text, template, variables).</param>
[GenerateSerializer, Immutable, Alias("crm.message-view")]
public sealed record MessageView(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Recipient,
    [property: Id(3)] MessageStatus Status,
    [property: Id(4)] string? ProviderMessageId,
    [property: Id(5)] DateTimeOffset RequestedAt,
    [property: Id(6)] MessageRequested Request);
