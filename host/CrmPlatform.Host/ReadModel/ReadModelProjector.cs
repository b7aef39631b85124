using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.EventLog;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.ReadModel;

/// <summary>
/// Follows the event log from its durable checkpoint and keeps the <c>customers</c> table up to
/// date. Each batch of rows and the checkpoint commit together, so a restart neither skips nor
/// repeats an event.
/// </summary>
public sealed partial class ReadModelProjector(
    IEventLog log,
    ICustomerReadModel readModel,
    IOptions<CustomerOptions> options,
    ILogger<ReadModelProjector> logger) : BackgroundService
{
    /// <summary>The checkpoint's name.</summary>
    public const string CheckpointName = "read-model.customers";

    private const int BatchSize = 2_000;
    private long _position;

    /// <summary>The position of the last event the read model reflects.</summary>
    public long Position => Volatile.Read(ref _position);

    /// <summary>Waits until the read model reflects every event up to <paramref name="position"/>.</summary>
    public async Task WaitForAsync(long position, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (Position < position)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Volatile.Write(ref _position, await readModel.GetCheckpointAsync(CheckpointName, stoppingToken));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var events = await log.ReadAllAsync(null, Position, BatchSize, stoppingToken);
                if (events.Count == 0)
                {
                    await log.WaitForAppendAsync(Position, TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                await readModel.ApplyAsync(events, CheckpointName, options.Value.BaseCurrency, stoppingToken);
                Volatile.Write(ref _position, events[^1].Position);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogProjectionFailed(logger, ex, Position);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The read model failed to apply events after position {Position}; retrying")]
    private static partial void LogProjectionFailed(ILogger logger, Exception exception, long position);
}
