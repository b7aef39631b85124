namespace CrmPlatform.Grains.Abstractions.Lifecycle;

/// <summary>
/// Runs the time-driven lifecycle rules for the whole cluster (use key 0). A durable reminder keeps
/// it on schedule: it survives restarts and fires on whichever silo hosts the grain, once per
/// tick for the cluster.
/// </summary>
public interface ILifecycleRulesGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or updates) the reminder that runs the rules every <paramref name="interval"/> (at least one minute).</summary>
    Task ScheduleAsync(TimeSpan interval);

    /// <summary>Runs the rules now for every customer that is due; returns how many changed stage.</summary>
    Task<int> RunAsync();
}
