namespace CrmPlatform.Host.Import;

/// <summary>A row turned into commands, or the reasons it cannot be.</summary>
public sealed record RowPlan(PlannedRow? Row, ImportRowError? Error)
{
    /// <summary>A row to send.</summary>
    public static RowPlan Valid(PlannedRow row) => new(row, null);

    /// <summary>A bad row.</summary>
    public static RowPlan Invalid(long line, IReadOnlyDictionary<string, string[]> errors) => new(null, new ImportRowError(line, errors));
}
