using CrmPlatform.Grains.Service;

namespace CrmPlatform.Host.Service;

/// <summary>The body of <c>PUT /api/cases/queues/{id}</c>.</summary>
internal sealed record QueueRequest(string? Name, IReadOnlyList<string>? Members, AssignmentStrategy? Strategy, int? MaxActivePerAgent);
