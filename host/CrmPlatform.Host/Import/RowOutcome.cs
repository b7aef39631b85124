namespace CrmPlatform.Host.Import;

/// <summary>What became of one row.</summary>
public enum RowOutcome
{
    /// <summary>At least one event was written.</summary>
    Imported = 0,

    /// <summary>Nothing was written: the row was imported before (replayed), or changed nothing.</summary>
    Unchanged = 1,

    /// <summary>The row was refused; it is listed with the job's errors.</summary>
    Failed = 2,
}
