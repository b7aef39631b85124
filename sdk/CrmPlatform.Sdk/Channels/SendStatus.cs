namespace CrmPlatform.Sdk.Channels;

/// <summary>How a send ended.</summary>
public enum SendStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent,

    /// <summary>It did not go out now, and trying again later can help (provider down, throttled).</summary>
    TransientFailure,

    /// <summary>It will never go out as it is (invalid address, rejected content).</summary>
    PermanentFailure,
}
