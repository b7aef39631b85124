using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.EventLog;

/// <summary>An append expected a stream to end at one sequence, but another writer had moved it on.</summary>
public sealed class StreamConcurrencyException : Exception
{
    /// <summary>Creates the exception for a customer's own stream.</summary>
    public StreamConcurrencyException(string customerId, long expectedSequence)
        : base($"The stream of customer '{customerId}' has moved past sequence {expectedSequence}.")
    {
        CustomerId = customerId;
        StreamId = customerId;
        ExpectedSequence = expectedSequence;
    }

    /// <summary>Creates the exception for a stream of any kind.</summary>
    public StreamConcurrencyException(StreamKey stream, long expectedSequence)
        : base(stream.Kind == StreamKinds.Customer
            ? $"The stream of customer '{stream.Id}' has moved past sequence {expectedSequence}."
            : $"The {stream.Kind} stream '{stream.Id}' has moved past sequence {expectedSequence}.")
    {
        CustomerId = stream.CustomerId ?? string.Empty;
        StreamKind = stream.Kind;
        StreamId = stream.Id;
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
        StreamId = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public StreamConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
        CustomerId = string.Empty;
        StreamId = string.Empty;
    }

    /// <summary>The customer that owns the stream (for a customer's own stream, its id); empty when none does.</summary>
    public string CustomerId { get; }

    /// <summary>The kind of the stream.</summary>
    public string StreamKind { get; } = StreamKinds.Customer;

    /// <summary>The stream's id within its kind.</summary>
    public string StreamId { get; }

    /// <summary>The sequence the writer expected the stream to end at.</summary>
    public long ExpectedSequence { get; }
}
