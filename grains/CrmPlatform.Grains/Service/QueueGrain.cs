using CrmPlatform.Grains.Abstractions.Service;

namespace CrmPlatform.Grains.Service;

/// <summary>
/// Assigns a queue's cases one at a time, so two cases opened together never both see the same
/// agent as least loaded. Loads are read from the case read model when the grain activates and
/// counted here after that; case grains release them when a case leaves an agent.
/// </summary>
public sealed class QueueGrain(IQueueDirectory directory) : Grain, IQueueGrain
{
    private QueueAssigner? _assigner;

    /// <inheritdoc />
    public async Task<string?> AssignAsync(string caseId)
    {
        if (_assigner is null)
        {
            var id = this.GetPrimaryKeyString();
            if (await directory.GetAsync(id) is not { } queue)
            {
                return null;
            }

            _assigner = new QueueAssigner(queue, await directory.LoadsAsync(id));
        }

        return _assigner.Next();
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string agent)
    {
        _assigner?.Release(agent);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ResetAsync()
    {
        _assigner = null;
        return Task.CompletedTask;
    }
}
