namespace CrmPlatform.Host.Import;

/// <summary>A row that was not imported: its line in the file and what is wrong, by field (or column).</summary>
public sealed record ImportRowError(long Line, IReadOnlyDictionary<string, string[]> Errors);
