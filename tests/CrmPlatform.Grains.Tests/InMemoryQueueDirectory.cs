using System.Collections.Concurrent;
using CrmPlatform.Grains.Service;

namespace CrmPlatform.Grains.Tests;

/// <summary>Queues for the test cluster, with no initial loads.</summary>
public sealed class InMemoryQueueDirectory : IQueueDirectory
{
    private readonly ConcurrentDictionary<string, QueueDefinition> _queues = new(StringComparer.Ordinal);

    public void Set(QueueDefinition queue) => _queues[queue.Id] = queue;

    public Task<QueueDefinition?> GetAsync(string queueId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_queues.GetValueOrDefault(queueId));

    public Task<IReadOnlyDictionary<string, int>> LoadsAsync(string queueId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>());
}
