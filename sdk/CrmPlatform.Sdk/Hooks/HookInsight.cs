namespace CrmPlatform.Sdk.Hooks;

/// <summary>An insight a hook adds to a command.</summary>
/// <param name="Name">The insight's name.</param>
/// <param name="Value">Its numeric value, if any.</param>
/// <param name="Label">Its label, if any.</param>
public sealed record HookInsight(string Name, double? Value, string? Label);
