namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// One message of a live conversation as the stream sends it: <paramref name="Sequence"/> (the
/// event's place in the customer's stream) is the Server-Sent Events id a reconnecting browser
/// sends back; <paramref name="From"/> is <c>visitor</c> (received from the identity) or
/// <c>agent</c> (sent to it). A heartbeat has no message.
/// </summary>
public sealed record LiveEntry(long Sequence, string? Id, string? From, string? Text, DateTimeOffset? At)
{
    /// <summary>Nothing happened for a while; the stream sends a comment so proxies keep it open.</summary>
    public static LiveEntry Heartbeat { get; } = new(0, null, null, null, null);

    /// <summary>True for <see cref="Heartbeat"/>.</summary>
    public bool IsHeartbeat => Id is null;
}
