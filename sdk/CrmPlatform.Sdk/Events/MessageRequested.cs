namespace CrmPlatform.Sdk.Events;

/// <summary>
/// The platform accepted a message for a customer on a channel (consent, address, caps and quiet
/// hours were checked); the channel's plugin sends it from its subscription.
/// </summary>
/// <param name="MessageId">The platform's id of the message; the same on every delivery attempt.</param>
/// <param name="Channel">The channel (for example <c>email</c>, <c>sms</c>).</param>
/// <param name="Recipient">The address it goes to (an email address, an E.164 phone number or a channel identity).</param>
/// <param name="Text">The text, or null when a template is named.</param>
/// <param name="Template">The channel's template, or null when text is given.</param>
/// <param name="Variables">Values for the template's placeholders.</param>
[CustomerEvent("crm.customer.message-requested", 1)]
public sealed record MessageRequested(
    string MessageId,
    string Channel,
    string Recipient,
    string? Text,
    string? Template,
    IReadOnlyDictionary<string, string> Variables) : ICustomerEvent;
