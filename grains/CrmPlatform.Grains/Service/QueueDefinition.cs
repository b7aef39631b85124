namespace CrmPlatform.Grains.Service;

/// <summary>A service queue: its members (agents), how it assigns and the most active cases of the queue an agent may hold (null: no cap).</summary>
public sealed record QueueDefinition(string Id, string Name, IReadOnlyList<string> Members, AssignmentStrategy Strategy, int? MaxActivePerAgent);
