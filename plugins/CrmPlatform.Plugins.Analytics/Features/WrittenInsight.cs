namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>An insight as last written onto a customer.</summary>
/// <param name="Value">Its number, if any.</param>
/// <param name="Label">Its label, if any.</param>
public sealed record WrittenInsight(double? Value, string? Label);
