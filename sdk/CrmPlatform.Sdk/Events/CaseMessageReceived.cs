namespace CrmPlatform.Sdk.Events;

/// <summary>A message the customer wrote on a channel was threaded onto the case (the customer's <c>message-received</c> has it too).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="ProviderMessageId">The provider's id of the message.</param>
/// <param name="Text">What the customer wrote.</param>
/// <param name="Subject">Its subject, where the channel has one.</param>
/// <param name="ReceivedAt">When the platform recorded it.</param>
[CustomerEvent("crm.case.message-received", 1)]
public sealed record CaseMessageReceived(string Channel, string ProviderMessageId, string Text, string? Subject, DateTimeOffset ReceivedAt) : ICustomerEvent;
