using System.Net.Sockets;
using CrmPlatform.Host.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Tests.Hosting;

public sealed class TransientFailuresTests
{
    public static TheoryData<Exception> StorageOutages =>
    [
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"),
        new PostgresException("connection failure", "FATAL", "FATAL", "08006"),
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new IOException("Connection reset")),
        new SqliteException("database is locked", 5),
        new SqliteException("database table is locked", 6),
        new InvalidOperationException("wrapped", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
        new TimeoutException(),
    ];

    public static TheoryData<Exception> RequestFailures =>
    [
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new PostgresException("syntax error", "ERROR", "ERROR", "42601"),
        new SqliteException("constraint failed", 19),
        new InvalidOperationException("a bug"),
    ];

    [Theory]
    [MemberData(nameof(StorageOutages))]
    public void IsTransient_StorageUnreachableOrBusy_IsTrue(Exception exception) => Assert.True(TransientFailures.IsTransient(exception));

    [Theory]
    [MemberData(nameof(RequestFailures))]
    public void IsTransient_FailureOfTheRequestItself_IsFalse(Exception exception) => Assert.False(TransientFailures.IsTransient(exception));
}
