namespace CrmPlatform.Sdk.Events;

/// <summary>
/// An agent replied to the customer on a case through a channel: the customer's grain accepted the
/// message (consent, caps and quiet hours checked there) and the channel's plugin sends it.
/// </summary>
/// <param name="MessageId">The platform's id of the outbound message (the customer's <c>message-requested</c> names it too).</param>
/// <param name="Channel">The channel.</param>
/// <param name="Text">What the agent wrote.</param>
[CustomerEvent("crm.case.reply-requested", 1)]
public sealed record CaseReplyRequested(string MessageId, string Channel, string Text) : ICustomerEvent;
