namespace CrmPlatform.Sdk.Events;

/// <summary>
/// The customer's address refused a sent message. A permanent bounce (the address will never
/// work) marks <paramref name="Recipient"/> invalid on the channel: later sends to it are refused
/// until the customer's profile gives the address again.
/// </summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message.</param>
/// <param name="Recipient">The address that bounced.</param>
/// <param name="Permanent">True for a hard bounce.</param>
/// <param name="Reason">The provider's reason, in words.</param>
[CustomerEvent("crm.customer.message-bounced", 1)]
public sealed record MessageBounced(
    string MessageId, string Channel, string ProviderMessageId, string Recipient, bool Permanent, string? Reason) : ICustomerEvent;
