using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Abstractions.Lifecycle;
using CrmPlatform.Grains.Customers.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Grains.Lifecycle;

/// <summary>
/// Fires the time-driven lifecycle rules for customers whether or not their grains are in memory:
/// on each reminder tick it asks the due-date index which customers are due and calls each one's
/// grain, which checks the rule against its own state before acting (a stale index can only delay
/// a change, never cause a wrong one).
/// </summary>
public sealed partial class LifecycleRulesGrain(
    IDueCustomerFinder dueCustomers,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<CustomerOptions> options,
    ILogger<LifecycleRulesGrain> logger) : Grain, ILifecycleRulesGrain, IRemindable
{
    private const string ReminderName = "lifecycle-rules";
    private const int MaxPerRun = 1_000;

    /// <inheritdoc />
    public async Task ScheduleAsync(TimeSpan interval) =>
        await this.RegisterOrUpdateReminder(ReminderName, interval, interval);

    /// <inheritdoc />
    public async Task<int> RunAsync()
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.Lifecycle.DeclineAfterDays);
        var due = await dueCustomers.FindInactiveAsync(cutoff, MaxPerRun);
        var changed = 0;
        // The calls run on pool threads, outside this activation: they use the silo's grain factory.
        // One customer failing must not stop the others (the due list comes in the same order each tick).
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
        {
            try
            {
                var result = await grains.GetGrain<ICustomerGrain>(id).ApplyDueRulesAsync();
                if (result.Status == CommandStatus.Accepted)
                {
                    Interlocked.Increment(ref changed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCustomerFailed(logger, ex, id);
            }
        });
        if (changed > 0)
        {
            LogRulesApplied(logger, changed);
        }

        return changed;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick retries; a reminder callback must not fail.
            LogRunFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle rules moved {Count} customers")]
    private static partial void LogRulesApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lifecycle rules failed for customer {CustomerId}; the next tick retries")]
    private static partial void LogCustomerFailed(ILogger logger, Exception exception, string customerId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A lifecycle rule run failed; the next tick retries")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
