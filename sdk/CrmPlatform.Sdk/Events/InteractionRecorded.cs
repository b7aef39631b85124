using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Events;

/// <summary>The business and the customer talked on some channel.</summary>
/// <param name="InteractionId">Identifies the interaction.</param>
/// <param name="Channel">The channel (for example <c>email</c>, <c>sms</c>, <c>phone</c>, <c>web-chat</c>).</param>
/// <param name="Direction">Who started it.</param>
/// <param name="Subject">A short subject line.</param>
/// <param name="Summary">What was said, in short.</param>
[CustomerEvent("crm.customer.interaction-recorded", 1)]
public sealed record InteractionRecorded(
    string InteractionId,
    string Channel,
    InteractionDirection Direction,
    string? Subject,
    string? Summary) : ICustomerEvent;
