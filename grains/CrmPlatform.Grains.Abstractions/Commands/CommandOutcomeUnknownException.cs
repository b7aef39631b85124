namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>
/// The event log failed while a command's events were being written, and a second attempt failed
/// too: the events may or may not be durable. Retrying the command with the same idempotency key is
/// safe — it is either applied once or answered with the first result.
/// </summary>
[GenerateSerializer, Alias("crm.command-outcome-unknown")]
public sealed class CommandOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandOutcomeUnknownException()
        : base("The command's outcome is unknown; retry it with the same idempotency key.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommandOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
