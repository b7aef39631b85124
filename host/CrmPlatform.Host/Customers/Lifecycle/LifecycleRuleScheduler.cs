using CrmPlatform.Grains.Abstractions.Lifecycle;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Customers.Lifecycle;

/// <summary>
/// Puts the lifecycle rules on their reminder once the silo is up (every silo does; registering is
/// idempotent and the reminder fires once per tick for the cluster). <see cref="RunOnceAsync"/> runs
/// them now.
/// </summary>
public sealed partial class LifecycleRuleScheduler(
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    IOptions<LifecycleSchedulerOptions> options,
    ILogger<LifecycleRuleScheduler> logger) : BackgroundService
{
    private ILifecycleRulesGrain Rules => grains.GetGrain<ILifecycleRulesGrain>(0);

    /// <summary>Checks every due customer once; returns how many changed stage.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken = default) => Rules.RunAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Rules.ScheduleAsync(options.Value.Interval);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScheduleFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put the lifecycle rules on their reminder yet; retrying")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
