using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Sdk.Testing;

/// <summary>What one command hook decided.</summary>
/// <param name="HookType">The hook class.</param>
/// <param name="EventType">The stable name of the event type the hook ran for.</param>
/// <param name="OnFailure">What the hook says a failure means.</param>
/// <param name="Decision">The decision; for a hook that threw, the one <paramref name="OnFailure"/> implies.</param>
/// <param name="Error">What the hook threw, if it did.</param>
public sealed record HookOutcome(Type HookType, string EventType, HookFailure OnFailure, HookDecision Decision, Exception? Error);
