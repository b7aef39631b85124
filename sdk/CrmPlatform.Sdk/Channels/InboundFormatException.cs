namespace CrmPlatform.Sdk.Channels;

/// <summary>An inbound request's body is malformed; the platform answers 400 naming <see cref="Field"/>.</summary>
public sealed class InboundFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InboundFormatException()
    {
        Field = "body";
    }

    /// <summary>Creates the exception.</summary>
    public InboundFormatException(string message)
        : base(message)
    {
        Field = "body";
    }

    /// <summary>Creates the exception.</summary>
    public InboundFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "body";
    }

    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InboundFormatException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The field of the request that is wrong (for example <c>From</c>, <c>body</c>).</summary>
    public string Field { get; }
}
