using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>One command hook ready to run: what its failure means, and the call itself.</summary>
public sealed record HookCall(string HookName, HookFailure OnFailure, Func<CancellationToken, ValueTask<HookDecision>> RunAsync);
