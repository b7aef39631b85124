namespace CrmPlatform.Host.Plugins;

/// <summary>Where a replay starts: <c>beginning</c>, or an ISO 8601 time (events recorded at or after it).</summary>
/// <param name="From">"beginning" or a time such as 2026-11-01T00:00:00Z.</param>
public sealed record ReplayRequest(string? From);
