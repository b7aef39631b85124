using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Storage;

/// <summary>
/// Follows the event log from a durable checkpoint and applies what it reads to a store: each
/// batch and the checkpoint commit together, so a restart neither skips nor repeats an event. It
/// never stops on a poison event: a batch that fails is applied again one event at a time, and an
/// event that still fails after <see cref="ProjectionRetry.MaxAttempts"/> tries is parked and
/// skipped. A projector names the events it handles (<see cref="Keeps"/>); the others only move
/// the checkpoint on.
/// </summary>
public abstract partial class LogProjector(IEventLog log, TimeProvider time, ILogger logger) : BackgroundService
{
    private const int BatchSize = 2_000;
    private readonly AppendSignal _advanced = new();
    private long _position;

    /// <summary>The position of the last event the store reflects (or has parked or skipped).</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>What the projector keeps, for its log messages (for example <c>the opportunity projection</c>).</summary>
    protected abstract string Name { get; }

    /// <summary>How failures are retried; read when the projector starts.</summary>
    protected abstract ProjectionRetry Retry { get; }

    /// <summary>Waits until the store reflects every event up to <paramref name="position"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="timeout"/> passed first, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitForAsync(long position, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (true)
        {
            // Take the signal before checking, so an advance in between is not missed.
            var advanced = _advanced.Next;
            if (Position >= position)
            {
                return;
            }

            await advanced.WaitAsync(waiting.Token);
        }
    }

    /// <summary>True for the events this projector applies; by default all.</summary>
    protected virtual bool Keeps(EventEnvelope envelope) => true;

    /// <summary>The position of the last event the store reflects, 0 if none.</summary>
    protected abstract Task<long> GetCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="events"/> (those it handles, in log order; possibly none) and moves the
    /// checkpoint to <paramref name="throughPosition"/>, atomically.
    /// </summary>
    protected abstract Task ApplyAsync(IReadOnlyList<EventEnvelope> events, long throughPosition, CancellationToken cancellationToken);

    /// <summary>Records an event given up on after <paramref name="attempts"/> tries, failing with <paramref name="failure"/>, and moves the checkpoint past it, atomically.</summary>
    protected abstract Task ParkAsync(EventEnvelope envelope, string failure, int attempts, DateTimeOffset parkedAt, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = Retry;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    Advance(await GetCheckpointAsync(stoppingToken));
                    started = true;
                }

                var events = await log.ReadAllAsync(null, Position, BatchSize, stoppingToken);
                if (events.Count == 0)
                {
                    await log.WaitForAppendAsync(Position, TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                var handled = events.Where(Keeps).ToArray();
                try
                {
                    await ApplyAsync(handled, events[^1].Position, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBatchFailed(logger, ex, Name, events[0].Position, events[^1].Position);
                    await ApplyOneByOneAsync(handled, retry, stoppingToken);
                    if (handled.Length == 0 || handled[^1].Position < events[^1].Position)
                    {
                        await ApplyAsync([], events[^1].Position, stoppingToken);
                    }
                }

                Advance(events[^1].Position);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The log or the database is unreachable (even parking failed): resume from the last event applied.
                LogProjectionFailed(logger, ex, Name, Position);
                try
                {
                    await Task.Delay(retry.FailureDelay, time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Applies a failed batch again event by event, retrying each with backoff and parking the
    /// ones that keep failing. If even parking fails the database itself is likely down: the
    /// exception goes to the main loop, which resumes from the last event applied.
    /// </summary>
    private async Task ApplyOneByOneAsync(IReadOnlyList<EventEnvelope> events, ProjectionRetry retry, CancellationToken stoppingToken)
    {
        foreach (var envelope in events)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync([envelope], envelope.Position, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt >= retry.MaxAttempts)
                    {
                        await ParkAsync(envelope, $"{ex.GetType().Name}: {ex.Message}", attempt, time.GetUtcNow(), stoppingToken);
                        LogParked(logger, ex, Name, envelope.Position, envelope.Type, envelope.StreamKind, envelope.StreamId, attempt);
                        break;
                    }

                    await Task.Delay(retry.DelayAfter(attempt), time, stoppingToken);
                }
            }

            Advance(envelope.Position);
        }
    }

    private void Advance(long position)
    {
        Volatile.Write(ref _position, position);
        _advanced.Release();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Projection} failed to apply events after position {Position}; retrying")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, string projection, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Projection} failed to apply the batch of positions {First} to {Last}; applying it event by event")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string projection, long first, long last);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Projection} parked event {Position} ({EventType} of {StreamKind} {StreamId}) after {Attempts} attempts")]
    private static partial void LogParked(ILogger logger, Exception exception, string projection, long position, string eventType, string streamKind, string streamId, int attempts);
}
