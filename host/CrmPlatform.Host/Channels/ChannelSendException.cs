namespace CrmPlatform.Host.Channels;

/// <summary>A channel could not send a message now, and trying again can help: the subscription retries it with backoff.</summary>
public sealed class ChannelSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChannelSendException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ChannelSendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ChannelSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
