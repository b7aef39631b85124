namespace CrmPlatform.Sdk.Crm;

/// <summary>An insight as it stands on a customer.</summary>
/// <param name="Value">The numeric value, if any.</param>
/// <param name="Label">The label, if any.</param>
/// <param name="Source">The module that wrote it.</param>
/// <param name="At">When it was written.</param>
public sealed record InsightValue(double? Value, string? Label, string Source, DateTimeOffset At);
