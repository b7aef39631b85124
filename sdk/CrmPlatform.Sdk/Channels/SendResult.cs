namespace CrmPlatform.Sdk.Channels;

/// <summary>The outcome of <see cref="IChannel.SendAsync"/>.</summary>
public sealed record SendResult
{
    private SendResult(SendStatus status, string? providerMessageId, string? reason, TimeSpan? retryAfter)
    {
        Status = status;
        ProviderMessageId = providerMessageId;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>How the send ended.</summary>
    public SendStatus Status { get; }

    /// <summary>The provider's id of the message, when it was sent; receipts refer to it.</summary>
    public string? ProviderMessageId { get; }

    /// <summary>Why it failed, in words.</summary>
    public string? Reason { get; }

    /// <summary>For a transient failure, how long the provider asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider accepted the message under <paramref name="providerMessageId"/>.</summary>
    public static SendResult Sent(string providerMessageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerMessageId);
        return new SendResult(SendStatus.Sent, providerMessageId, null, null);
    }

    /// <summary>Trying again later can help.</summary>
    public static SendResult TransientFailure(string reason, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SendResult(SendStatus.TransientFailure, null, reason, retryAfter);
    }

    /// <summary>The message will never go out as it is.</summary>
    public static SendResult PermanentFailure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new SendResult(SendStatus.PermanentFailure, null, reason, null);
    }
}
