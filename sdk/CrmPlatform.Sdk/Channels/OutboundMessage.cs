using CrmPlatform.Sdk.Crm;

namespace CrmPlatform.Sdk.Channels;

/// <summary>A message the platform has decided to send.</summary>
/// <param name="MessageId">The platform's id of the message; the same on every attempt.</param>
/// <param name="IdempotencyKey">Hand this to the provider where it deduplicates sends; the same on every attempt.</param>
/// <param name="Recipient">The address to send to (an email address, an E.164 phone number or a channel identity).</param>
/// <param name="Text">The text to send, or null when a template is named.</param>
/// <param name="Template">The channel's template to render, or null when text is given.</param>
/// <param name="Variables">Values for the template's placeholders.</param>
/// <param name="Customer">The customer as it stood when the message was requested, for per-customer fields.</param>
/// <param name="Attempt">1 on the first attempt, then 2, 3, …</param>
public sealed record OutboundMessage(
    string MessageId,
    string IdempotencyKey,
    string Recipient,
    string? Text,
    string? Template,
    IReadOnlyDictionary<string, string> Variables,
    CustomerSnapshot Customer,
    int Attempt);
