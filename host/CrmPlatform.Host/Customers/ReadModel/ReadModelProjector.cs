using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>
/// Follows the event log from its durable checkpoint and keeps the <c>customers</c> table up to
/// date. Each batch of rows and the checkpoint commit together, so a restart neither skips nor
/// repeats an event. A batch that fails is applied again one event at a time; an event that still
/// fails after <see cref="ReadModelOptions.MaxAttempts"/> tries is parked (see <see cref="ParkedEvent"/>)
/// and the projector moves on, so one poison event never stops lists, search or the due index.
/// </summary>
public sealed partial class ReadModelProjector(
    IEventLog log,
    ICustomerReadModel readModel,
    IOptions<CustomerOptions> options,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<ReadModelProjector> logger) : BackgroundService
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "read-model.customers";

    private const int BatchSize = 2_000;
    private readonly AppendSignal _advanced = new();
    private long _position;

    /// <summary>The position of the last event the read model reflects (or has parked).</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Waits until the read model reflects every event up to <paramref name="position"/>.</summary>
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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = readModelOptions.Value;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    Advance(await readModel.GetCheckpointAsync(CheckpointName, stoppingToken));
                    started = true;
                }

                var events = await log.ReadAllAsync(null, Position, BatchSize, stoppingToken);
                if (events.Count == 0)
                {
                    await log.WaitForAppendAsync(Position, TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                try
                {
                    await readModel.ApplyAsync(events, CheckpointName, options.Value.BaseCurrency, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBatchFailed(logger, ex, events[0].Position, events[^1].Position);
                    await ApplyOneByOneAsync(events, settings, stoppingToken);
                    continue;
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
                LogProjectionFailed(logger, ex, Position);
                try
                {
                    await Task.Delay(settings.FailureDelay, time, stoppingToken);
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
    private async Task ApplyOneByOneAsync(IReadOnlyList<EventEnvelope> events, ReadModelOptions settings, CancellationToken stoppingToken)
    {
        foreach (var envelope in events)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await readModel.ApplyAsync([envelope], CheckpointName, options.Value.BaseCurrency, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt >= settings.MaxAttempts)
                    {
                        var error = $"{ex.GetType().Name}: {ex.Message}";
                        await readModel.ParkAsync(
                            new ParkedEvent(envelope.Position, envelope.EventId, envelope.CustomerId, envelope.Type, error, attempt, time.GetUtcNow()),
                            CheckpointName,
                            stoppingToken);
                        LogParked(logger, ex, envelope.Position, envelope.Type, envelope.CustomerId, attempt);
                        break;
                    }

                    await Task.Delay(settings.DelayAfter(attempt), time, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The read model failed to apply events after position {Position}; retrying")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model failed to apply the batch of positions {First} to {Last}; applying it event by event")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, long first, long last);

    [LoggerMessage(Level = LogLevel.Error, Message = "The read model parked event {Position} ({EventType} of customer {CustomerId}) after {Attempts} attempts; retry it through /api/read-model/parked once fixed")]
    private static partial void LogParked(ILogger logger, Exception exception, long position, string eventType, string customerId, int attempts);
}
