namespace CrmPlatform.Sdk.Events;

/// <summary>The channel's provider accepted a message.</summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message; receipts refer to it.</param>
[CustomerEvent("crm.customer.message-sent", 1)]
public sealed record MessageSent(string MessageId, string Channel, string ProviderMessageId) : ICustomerEvent;
