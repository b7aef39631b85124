namespace CrmPlatform.Sdk.Channels;

/// <summary>A message a customer (or someone not yet known) sent on the channel.</summary>
/// <param name="ProviderMessageId">The provider's id of the message; the platform records each id once.</param>
/// <param name="From">Who sent it, as the channel knows them.</param>
/// <param name="Text">The message's text.</param>
/// <param name="Subject">Its subject, where the channel has one.</param>
/// <param name="ReceivedAt">When the provider received it.</param>
/// <param name="Consent">A consent change the message expresses (for example an SMS <c>STOP</c>), or null.</param>
public sealed record InboundMessage(
    string ProviderMessageId,
    InboundSender From,
    string Text,
    string? Subject,
    DateTimeOffset ReceivedAt,
    ConsentDirective? Consent = null);
