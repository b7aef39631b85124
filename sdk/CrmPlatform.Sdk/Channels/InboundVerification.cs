namespace CrmPlatform.Sdk.Channels;

/// <summary>Whether an inbound request really comes from the provider.</summary>
/// <param name="IsGenuine">True when the request may be parsed.</param>
/// <param name="Reason">Why it was rejected, in words (recorded, never sent back).</param>
public sealed record InboundVerification(bool IsGenuine, string? Reason)
{
    /// <summary>The request is genuine.</summary>
    public static InboundVerification Genuine { get; } = new(true, null);

    /// <summary>The request is not genuine, for <paramref name="reason"/>.</summary>
    public static InboundVerification Rejected(string reason) => new(false, reason);
}
