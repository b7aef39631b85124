namespace CrmPlatform.Sdk.Channels;

/// <summary>
/// What the channel knows of a sender. The platform resolves it to a customer by channel
/// identity, then email, then phone; at least one of the three is required.
/// </summary>
/// <param name="ChannelIdentity">The sender's identity on this channel (for example a chat visitor id).</param>
/// <param name="Email">The sender's email address.</param>
/// <param name="Phone">The sender's phone number, in any form the platform can normalise to E.164.</param>
/// <param name="DisplayName">The sender's name as the channel shows it.</param>
public sealed record InboundSender(string? ChannelIdentity, string? Email, string? Phone, string? DisplayName);
