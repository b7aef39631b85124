namespace CrmPlatform.Sdk.Events;

/// <summary>The provider reports that a sent message reached the customer.</summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message.</param>
[CustomerEvent("crm.customer.message-delivered", 1)]
public sealed record MessageDelivered(string MessageId, string Channel, string ProviderMessageId) : ICustomerEvent;
