namespace CrmPlatform.Sdk.Channels;

/// <summary>Names a channel and says how its recipients are addressed and what it can carry.</summary>
/// <param name="Name">The channel's name in the API and in consent (lower-case letters, digits and dashes, for example <c>email</c>, <c>sms</c>).</param>
/// <param name="AddressKind">Which of the customer's addresses the channel sends to.</param>
/// <param name="Capabilities">What a message on the channel can carry.</param>
public sealed record ChannelDescriptor(string Name, ChannelAddressKind AddressKind, ChannelCapabilities Capabilities);
