namespace CrmPlatform.Host.Import;

/// <summary>One mapped pair: a CSV column and the field it feeds.</summary>
public sealed record ColumnTarget(string Column, string Field);
