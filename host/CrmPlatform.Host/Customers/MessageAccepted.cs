namespace CrmPlatform.Host.Customers;

/// <summary>A message the platform accepted to send; its outcome follows on the customer's timeline.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="MessageId">The message's id.</param>
/// <param name="Status"><c>requested</c>.</param>
/// <param name="Sequence">The sequence of the message-requested event.</param>
public sealed record MessageAccepted(string CustomerId, string MessageId, string Status, long Sequence);
