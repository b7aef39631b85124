namespace CrmPlatform.Host.Storage.Sqlite;

/// <summary>Settings of the embedded event log (configuration section <c>Crm:EventLog</c>).</summary>
public sealed class SqliteEventLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:EventLog";

    /// <summary>How many partitions the log is split into. Fixed once the log has events.</summary>
    public int PartitionCount { get; set; } = 16;

    /// <summary>The most events written in one group-commit transaction.</summary>
    public int MaxBatchEvents { get; set; } = 2_000;

    /// <summary>
    /// True (the default) waits for the disk on every commit, so an acknowledged command survives a
    /// power cut. False survives a process crash but may lose the last commits on a power cut.
    /// </summary>
    public bool Durable { get; set; } = true;
}
