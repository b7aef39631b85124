using System.Net.Sockets;
using CrmPlatform.Grains.Abstractions.Commands;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Failures of the cluster or its storage, not of the request: a silo died and is not yet declared
/// dead, a message timed out, the event log's outcome is unknown, the database is unreachable,
/// restarting or busy. A retry with the same idempotency key is safe and will succeed once the
/// cluster or its database is back.
/// </summary>
public static class TransientFailures
{
    // SQLite: the file is locked by another writer past the busy timeout.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when <paramref name="exception"/>, or an exception it wraps, is such a failure.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        CommandOutcomeUnknownException or OrleansMessageRejectionException or SiloUnavailableException
            or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException
            or Orleans.Networking.Shared.SocketConnectionException or SocketException => true,

        // Connection exceptions (class 08) and the server shutting down or starting up (57P01-57P03).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,

        // Npgsql's own failures (no server answer): it cannot connect, the connection broke, or it timed out.
        NpgsqlException npgsql => npgsql.InnerException is SocketException or IOException or TimeoutException || npgsql.IsTransient,

        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        _ => false,
    };
}
