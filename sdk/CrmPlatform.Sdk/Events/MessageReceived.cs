namespace CrmPlatform.Sdk.Events;

/// <summary>The customer wrote to the business on a channel (recorded once per provider message id).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message.</param>
/// <param name="Text">What the customer wrote.</param>
/// <param name="Subject">Its subject, where the channel has one.</param>
/// <param name="SenderIdentity">The sender's identity on the channel, when it has one.</param>
/// <param name="SenderEmail">The sender's email address, when known.</param>
/// <param name="SenderPhone">The sender's phone number in E.164 form, when known.</param>
/// <param name="SenderName">The sender's name as the channel shows it.</param>
[CustomerEvent("crm.customer.message-received", 1)]
public sealed record MessageReceived(
    string Channel,
    string ProviderMessageId,
    string Text,
    string? Subject,
    string? SenderIdentity,
    string? SenderEmail,
    string? SenderPhone,
    string? SenderName) : ICustomerEvent;
