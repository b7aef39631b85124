using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Testing;

/// <summary>An event <see cref="PluginTestHost"/> did not deliver, and why.</summary>
/// <param name="Envelope">The event.</param>
/// <param name="Reason">Why it was skipped, for example because the manifest does not subscribe to its type.</param>
public sealed record SkippedEvent(EventEnvelope Envelope, string Reason);
