namespace CrmPlatform.Sdk.Channels;

/// <summary>
/// What <see cref="ILiveChannel.AuthorizeLiveAsync"/> decided: the channel identity the request may
/// follow, or why it may not (the platform answers 403 with that reason).
/// </summary>
/// <param name="Identity">The identity on the channel whose conversation is streamed; null when refused.</param>
/// <param name="Reason">Why the request was refused; null when allowed.</param>
public sealed record LiveAuthorization(string? Identity, string? Reason)
{
    /// <summary>True when the request may follow <see cref="Identity"/>.</summary>
    public bool IsAllowed => Identity is not null;

    /// <summary>Allows following <paramref name="identity"/>.</summary>
    /// <param name="identity">The identity on the channel.</param>
    public static LiveAuthorization Allowed(string identity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        return new LiveAuthorization(identity, null);
    }

    /// <summary>Refuses the request.</summary>
    /// <param name="reason">Why, in words for the log.</param>
    public static LiveAuthorization Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new LiveAuthorization(null, reason);
    }
}
