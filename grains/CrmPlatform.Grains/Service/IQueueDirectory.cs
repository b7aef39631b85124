namespace CrmPlatform.Grains.Service;

/// <summary>Where queue grains find their definition and their members' current loads (kept by the host).</summary>
public interface IQueueDirectory
{
    /// <summary>The queue, or null when it does not exist.</summary>
    Task<QueueDefinition?> GetAsync(string queueId, CancellationToken cancellationToken = default);

    /// <summary>How many active (new, open or pending) cases of the queue each agent owns.</summary>
    Task<IReadOnlyDictionary<string, int>> LoadsAsync(string queueId, CancellationToken cancellationToken = default);
}
