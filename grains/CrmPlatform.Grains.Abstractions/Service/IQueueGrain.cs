namespace CrmPlatform.Grains.Abstractions.Service;

/// <summary>
/// One service queue, keyed by queue id: chooses the agent for a case by the queue's strategy
/// (round robin or least loaded) within the per-agent cap, one choice at a time.
/// </summary>
public interface IQueueGrain : IGrainWithStringKey
{
    /// <summary>The agent chosen for the case, or null when the queue does not exist or every member is at the cap.</summary>
    Task<string?> AssignAsync(string caseId);

    /// <summary>The agent no longer works a case of this queue (resolved, closed or reassigned).</summary>
    Task ReleaseAsync(string agent);

    /// <summary>Forgets the loads, so the next choice reads them afresh (after the queue's definition changed).</summary>
    Task ResetAsync();
}
