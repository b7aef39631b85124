namespace CrmPlatform.Grains.EventLog;

/// <summary>An append expected a customer's stream to end at one sequence, but another writer had moved it on.</summary>
public sealed class StreamConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamConcurrencyException(string customerId, long expectedSequence)
        : base($"The stream of customer '{customerId}' has moved past sequence {expectedSequence}.")
    {
        CustomerId = customerId;
        ExpectedSequence = expectedSequence;
    }

    /// <summary>Creates the exception.</summary>
    public StreamConcurrencyException()
        : this(string.Empty, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StreamConcurrencyException(string message)
        : base(message)
    {
        CustomerId = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public StreamConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
        CustomerId = string.Empty;
    }

    /// <summary>The stream.</summary>
    public string CustomerId { get; }

    /// <summary>The sequence the writer expected the stream to end at.</summary>
    public long ExpectedSequence { get; }
}
