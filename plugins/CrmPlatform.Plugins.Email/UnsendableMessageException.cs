namespace CrmPlatform.Plugins.Email;

/// <summary>The message can never go out as it is (unknown template or placeholder, invalid address): a permanent failure.</summary>
internal sealed class UnsendableMessageException : Exception
{
    public UnsendableMessageException()
    {
    }

    public UnsendableMessageException(string message)
        : base(message)
    {
    }

    public UnsendableMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
