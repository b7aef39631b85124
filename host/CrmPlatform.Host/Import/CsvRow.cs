namespace CrmPlatform.Host.Import;

/// <summary>One data row of a CSV file: the line it starts on, its cells, and what makes it unreadable (if anything).</summary>
public sealed record CsvRow(long Line, IReadOnlyList<string> Cells, string? Problem);
