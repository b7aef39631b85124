namespace CrmPlatform.Grains.Service;

/// <summary>
/// Chooses agents for a queue's cases by its strategy, never above the per-agent cap, and keeps
/// the loads it has handed out. Pure state: the queue grain serialises the calls.
/// </summary>
public sealed class QueueAssigner
{
    private readonly QueueDefinition _queue;
    private readonly Dictionary<string, int> _loads;
    private int _next;

    /// <summary>Starts from the members' current loads.</summary>
    public QueueAssigner(QueueDefinition queue, IReadOnlyDictionary<string, int> loads)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(loads);
        _queue = queue;
        _loads = queue.Members.Distinct(StringComparer.Ordinal).ToDictionary(m => m, m => loads.GetValueOrDefault(m), StringComparer.Ordinal);
    }

    /// <summary>Each member's load as this assigner counts it.</summary>
    public IReadOnlyDictionary<string, int> Loads => _loads;

    /// <summary>The agent for the next case (its load counted), or null when every member is at the cap.</summary>
    public string? Next()
    {
        var members = _queue.Members;
        string? chosen = null;
        if (_queue.Strategy == AssignmentStrategy.RoundRobin)
        {
            for (var i = 0; i < members.Count && chosen is null; i++)
            {
                var index = (_next + i) % members.Count;
                if (HasRoom(members[index]))
                {
                    chosen = members[index];
                    _next = index + 1;
                }
            }
        }
        else
        {
            chosen = members.Where(HasRoom).OrderBy(m => _loads[m]).FirstOrDefault();
        }

        if (chosen is not null)
        {
            _loads[chosen]++;
        }

        return chosen;
    }

    /// <summary>The agent holds one active case of the queue fewer.</summary>
    public void Release(string agent)
    {
        if (_loads.TryGetValue(agent, out var load) && load > 0)
        {
            _loads[agent] = load - 1;
        }
    }

    private bool HasRoom(string agent) => _queue.MaxActivePerAgent is not { } cap || _loads[agent] < cap;
}
