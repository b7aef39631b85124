namespace CrmPlatform.Host.Storage.Postgres;

/// <summary>Settings of the cluster-mode event log on PostgreSQL (configuration section <c>Crm:EventLog</c>).</summary>
public sealed class PostgresEventLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:EventLog";

    /// <summary>
    /// How many partitions the log is split into. The first process to open the database fixes it;
    /// later processes use the stored value whatever they ask for.
    /// </summary>
    public int PartitionCount { get; set; } = 16;

    /// <summary>The most events written in one group-commit transaction.</summary>
    public int MaxBatchEvents { get; set; } = 2_000;

    /// <summary>
    /// How often a waiting follower asks for the head while the notification connection is down
    /// (normally followers are woken by <c>LISTEN</c>/<c>NOTIFY</c> and never poll).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
