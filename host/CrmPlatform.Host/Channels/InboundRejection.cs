namespace CrmPlatform.Host.Channels;

/// <summary>An inbound webhook request the channel refused as not genuine.</summary>
/// <param name="Channel">The channel in the route.</param>
/// <param name="RemoteAddress">The caller's address.</param>
/// <param name="Reason">The channel's reason.</param>
/// <param name="At">When.</param>
public sealed record InboundRejection(string Channel, string? RemoteAddress, string Reason, DateTimeOffset At);
