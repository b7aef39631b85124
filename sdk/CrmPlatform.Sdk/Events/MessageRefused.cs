namespace CrmPlatform.Sdk.Events;

/// <summary>The platform refused to send a message (no consent, no usable address, a cap, quiet hours, no such channel…).</summary>
/// <param name="MessageId">The id the message would have had.</param>
/// <param name="Channel">The channel asked for.</param>
/// <param name="Reason">What stopped it, as a stable code: <c>consent</c>, <c>address</c>, <c>frequencyCap</c>, <c>quietHours</c>, <c>channel</c>, <c>text</c>.</param>
/// <param name="Detail">The reason in words.</param>
[CustomerEvent("crm.customer.message-refused", 1)]
public sealed record MessageRefused(string MessageId, string Channel, string Reason, string Detail) : ICustomerEvent;
