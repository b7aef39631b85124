namespace CrmPlatform.Host.Plugins.Subscriptions;

/// <summary>An event a plugin failed to handle after every attempt, parked until retried or discarded.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="EventId">The event.</param>
/// <param name="Position">The event's position in the log.</param>
/// <param name="Partition">The log partition it is in.</param>
/// <param name="CustomerId">The customer it belongs to.</param>
/// <param name="EventType">Its stable type name.</param>
/// <param name="Attempts">How many times delivery was tried.</param>
/// <param name="Error">The last failure, in words (exception type and message).</param>
/// <param name="ParkedAt">When it was parked (last updated).</param>
public sealed record DeadLetter(
    string PluginId,
    Guid EventId,
    long Position,
    int Partition,
    string CustomerId,
    string EventType,
    int Attempts,
    string Error,
    DateTimeOffset ParkedAt);
