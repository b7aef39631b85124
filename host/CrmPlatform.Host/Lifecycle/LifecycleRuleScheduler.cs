using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Host.ReadModel;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Lifecycle;

/// <summary>
/// Fires the time-driven lifecycle rules for customers whether or not their grains are in memory:
/// on every tick it asks the read model (the durable due-date index) which customers are due and
/// calls each one's grain, which checks the rule against its own state before acting.
/// </summary>
public sealed partial class LifecycleRuleScheduler(
    IGrainFactory grains,
    ICustomerReadModel readModel,
    TimeProvider time,
    IOptions<CustomerOptions> options,
    IOptions<LifecycleSchedulerOptions> schedulerOptions,
    ILogger<LifecycleRuleScheduler> logger) : BackgroundService
{
    private const int MaxPerRun = 1_000;

    /// <summary>Checks every due customer once; returns how many changed stage.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.Lifecycle.DeclineAfterDays);
        var due = await readModel.FindInactiveAsync(cutoff, MaxPerRun, cancellationToken);
        var changed = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                var result = await grains.GetGrain<ICustomerGrain>(id).ApplyDueRulesAsync();
                if (result.Status == Grains.Abstractions.Commands.CommandStatus.Accepted)
                {
                    Interlocked.Increment(ref changed);
                }
            });
        return changed;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedulerOptions.Value.Interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                var changed = await RunOnceAsync(stoppingToken);
                if (changed > 0)
                {
                    LogRulesApplied(logger, changed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle rules moved {Count} customers")]
    private static partial void LogRulesApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A lifecycle rule run failed; the next tick retries")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
