using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Sales;

/// <summary>
/// Follows the event log from its own checkpoint and keeps the <c>opportunities</c> table up to
/// date from the streams of kind <c>opportunity</c>; other kinds only move the checkpoint on. Like
/// the customer read model it never stops on a poison event: a failing batch is applied event by
/// event, and an event that keeps failing is parked and skipped.
/// </summary>
internal sealed partial class OpportunityProjector(
    IEventLog log,
    OpportunityStore store,
    IOptions<ReadModelOptions> readModelOptions,
    TimeProvider time,
    ILogger<OpportunityProjector> logger) : BackgroundService
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "sales.opportunities";

    private const int BatchSize = 2_000;
    private readonly AppendSignal _advanced = new();
    private long _position;

    /// <summary>The position of the last event the table reflects (or has parked or skipped).</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Waits until the table reflects every event up to <paramref name="position"/>.</summary>
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
                    Advance(await store.GetCheckpointAsync(CheckpointName, stoppingToken));
                    started = true;
                }

                var events = await log.ReadAllAsync(null, Position, BatchSize, stoppingToken);
                if (events.Count == 0)
                {
                    await log.WaitForAppendAsync(Position, TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                var opportunities = events.Where(e => e.StreamKind == StreamKinds.Opportunity).ToArray();
                try
                {
                    await store.ApplyAsync(opportunities, events[^1].Position, CheckpointName, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBatchFailed(logger, ex, events[0].Position, events[^1].Position);
                    await ApplyOneByOneAsync(opportunities, settings, stoppingToken);
                    await store.ApplyAsync([], events[^1].Position, CheckpointName, stoppingToken);
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

    private async Task ApplyOneByOneAsync(IReadOnlyList<EventEnvelope> events, ReadModelOptions settings, CancellationToken stoppingToken)
    {
        foreach (var envelope in events)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await store.ApplyAsync([envelope], envelope.Position, CheckpointName, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt >= settings.MaxAttempts)
                    {
                        await store.ParkAsync(envelope, $"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow(), CheckpointName, stoppingToken);
                        LogParked(logger, ex, envelope.Position, envelope.Type, envelope.StreamId, attempt);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The opportunity projection failed to apply events after position {Position}; retrying")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The opportunity projection failed to apply the batch of positions {First} to {Last}; applying it event by event")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, long first, long last);

    [LoggerMessage(Level = LogLevel.Error, Message = "The opportunity projection parked event {Position} ({EventType} of opportunity {OpportunityId}) after {Attempts} attempts")]
    private static partial void LogParked(ILogger logger, Exception exception, long position, string eventType, string opportunityId, int attempts);
}
