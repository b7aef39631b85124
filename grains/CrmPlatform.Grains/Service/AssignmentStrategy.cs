namespace CrmPlatform.Grains.Service;

/// <summary>How a queue chooses the agent for a case.</summary>
public enum AssignmentStrategy
{
    /// <summary>Each member in turn, skipping those at the cap.</summary>
    RoundRobin = 0,

    /// <summary>The member with the fewest active cases of the queue (the earlier member on a tie).</summary>
    LeastLoaded = 1,
}
