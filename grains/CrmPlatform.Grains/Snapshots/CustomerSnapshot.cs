namespace CrmPlatform.Grains.Snapshots;

/// <summary>
/// A customer's state as of one sequence of its stream, stored so that an activation replays only
/// the events after it. Snapshots are a cache: the log stays the truth, and a snapshot that is
/// missing, unreadable or of another schema is simply ignored.
/// </summary>
/// <param name="Version">The sequence of the last event the state includes.</param>
/// <param name="SchemaVersion">The version of the <paramref name="Data"/> format; a reader ignores versions it does not know.</param>
/// <param name="Data">The state as stable JSON.</param>
public sealed record CustomerSnapshot(long Version, int SchemaVersion, string Data);
