using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>
/// How followers learn of new events from any silo: every group commit sends <c>NOTIFY crm_events</c>
/// with the new head inside its transaction (delivered at commit), and one connection per process
/// listens and wakes this process's waiters. The listener starts with the first wait; while it is
/// not (yet, or no longer) listening, waiters ask for the head every <see cref="PostgresEventLogOptions.PollInterval"/>.
/// </summary>
public sealed partial class PostgresEventLog
{
    /// <summary>How long the listener waits for a notification before checking its connection (and the head).</summary>
    private static readonly TimeSpan ListenerCheckInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long the listener waits before reconnecting after its connection failed.</summary>
    private static readonly TimeSpan ListenerRetryDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time = TimeProvider.System;
    private Task? _listener;
    private bool _listening;

    /// <inheritdoc />
    public async Task WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        StartListening();
        var started = _time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            // Take the signal before looking at the head, so a release in between is not missed.
            var listening = Volatile.Read(ref _listening);
            var woken = AppendSignal.WaitAsync(_appended.Next, listening ? remaining : Min(remaining, _options.PollInterval), cancellationToken);
            if (Volatile.Read(ref _head) > afterPosition || (!listening && await TryReadHeadAsync(cancellationToken) > afterPosition))
            {
                return;
            }

            await woken;
            if (listening || Volatile.Read(ref _head) > afterPosition)
            {
                return;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void StartListening()
    {
        if (Volatile.Read(ref _listener) is not null || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        lock (_readyLock)
        {
            if (_listener is null && Volatile.Read(ref _disposed) == 0)
            {
                Volatile.Write(ref _listener, Task.Run(() => ListenAsync(_stopping.Token)));
            }
        }
    }

    private async Task StopListeningAsync()
    {
        Task? listener;
        lock (_readyLock)
        {
            listener = _listener;
            _listener ??= Task.CompletedTask;
        }

        await _stopping.CancelAsync();
        if (listener is not null)
        {
            await listener;
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresLogSql.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // Commits before LISTEN sent no notification to us: read the head once listening.
                await ReadHeadAsync(connection, stopping);
                Volatile.Write(ref _listening, true);
                _appended.Release();
                while (true)
                {
                    if (!await connection.WaitAsync(ListenerCheckInterval, stopping))
                    {
                        await ReadHeadAsync(connection, stopping);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The listener must outlive a lost connection: waiters poll meanwhile.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _listening, false);
                _appended.Release();
                LogListenerFailed(_logger, ex, ListenerRetryDelay);
            }

            try
            {
                await Task.Delay(ListenerRetryDelay, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var head))
        {
            Publish(head);
        }
    }

    /// <summary>The head from the database, or -1 when it does not answer (the waiter then waits and asks again).</summary>
    private async Task<long> TryReadHeadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await ReadHeadAsync(connection, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            LogHeadUnavailable(_logger, ex);
            return -1;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event log's notification connection failed; followers poll until it is back (retry in {Delay})")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the event log's head failed")]
    private static partial void LogHeadUnavailable(ILogger logger, Exception exception);
}
