using CrmPlatform.Grains.Abstractions.Commands;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Failures of the cluster, not of the request: a silo died and is not yet declared dead, a message
/// timed out, the event log's outcome is unknown. A retry with the same idempotency key is safe and
/// will succeed once the cluster has settled.
/// </summary>
public static class TransientFailures
{
    /// <summary>True when <paramref name="exception"/> is such a failure.</summary>
    public static bool IsTransient(Exception exception) => exception is
        CommandOutcomeUnknownException or OrleansMessageRejectionException or SiloUnavailableException
        or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException
        or Orleans.Networking.Shared.SocketConnectionException;
}
