namespace CrmPlatform.Sdk.Events;

/// <summary>The channel's provider accepted a reply of the case: the customer got a response (the first one meets the first-response target).</summary>
/// <param name="MessageId">The platform's id of the message.</param>
/// <param name="SentAt">When the provider accepted it (the customer's <c>message-sent</c>).</param>
[CustomerEvent("crm.case.reply-sent", 1)]
public sealed record CaseReplySent(string MessageId, DateTimeOffset SentAt) : ICustomerEvent;
