namespace CrmPlatform.Sdk.Events;

/// <summary>A message will never reach the customer: the channel refused it for good, or the provider gave up on it.</summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id, when the provider had accepted it first.</param>
/// <param name="Reason">Why, in words.</param>
[CustomerEvent("crm.customer.message-failed", 1)]
public sealed record MessageFailed(string MessageId, string Channel, string? ProviderMessageId, string? Reason) : ICustomerEvent;
