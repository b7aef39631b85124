namespace CrmPlatform.Host.Import;

/// <summary>
/// Where import jobs, their uploaded files and their bad rows are kept durably, so that any silo can
/// run or resume a job: SQLite in the data directory (embedded) or PostgreSQL (cluster).
/// </summary>
public interface IImportJobStore
{
    /// <summary>Stores a new job.</summary>
    Task CreateAsync(ImportJob job, CancellationToken cancellationToken = default);

    /// <summary>Stores chunk <paramref name="index"/> (0, 1, …) of the job's file.</summary>
    Task AppendChunkAsync(string jobId, int index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Chunk <paramref name="index"/> of the job's file, or null past its end.</summary>
    Task<byte[]?> ReadChunkAsync(string jobId, int index, CancellationToken cancellationToken = default);

    /// <summary>The job, or null.</summary>
    Task<ImportJob?> FindAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the job's state and progress and adds <paramref name="newErrors"/> in one transaction,
    /// and renews the runner's lease. With an <paramref name="owner"/>, only while that runner still
    /// holds the job: false means another runner took it over.
    /// </summary>
    Task<bool> UpdateAsync(ImportJob job, IReadOnlyList<ImportRowError> newErrors, string? owner, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the oldest queued or running job that nobody holds, that <paramref name="owner"/> holds,
    /// or whose holder's lease was last renewed before <paramref name="staleBefore"/>; marks it
    /// running and held by <paramref name="owner"/>. Null when there is none.
    /// </summary>
    Task<ImportJob?> ClaimAsync(string owner, DateTimeOffset staleBefore, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The job's bad rows after line <paramref name="afterLine"/>, in line order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ImportRowError>> ListErrorsAsync(string jobId, long afterLine, int limit, CancellationToken cancellationToken = default);
}
