namespace CrmPlatform.Host.Import;

/// <summary>An import job and its progress, as stored.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Kind">Customers or orders.</param>
/// <param name="MappingJson">The column mapping, as uploaded (validated).</param>
/// <param name="CreatedBy">The actor recorded on every event the job writes (<c>api-key:…</c>).</param>
/// <param name="State">Where the job is.</param>
/// <param name="FileBytes">Size of the uploaded file.</param>
/// <param name="FileSha256">SHA-256 of the uploaded file (hex), once it is complete.</param>
/// <param name="BytesRead">How far into the file the runner has read (for a percentage).</param>
/// <param name="RowsRead">Data rows fully processed; a resumed job skips this many.</param>
/// <param name="Imported">Rows that wrote at least one event.</param>
/// <param name="Unchanged">Rows that wrote nothing: already imported (replayed) or already so.</param>
/// <param name="Failed">Rows refused; see the job's errors.</param>
/// <param name="LastLine">The file line of the last fully processed row.</param>
/// <param name="Error">Why the job failed, when it did.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its progress was last stored.</param>
public sealed record ImportJob(
    string Id,
    ImportKind Kind,
    string MappingJson,
    string CreatedBy,
    ImportJobState State,
    long FileBytes,
    string? FileSha256,
    long BytesRead,
    long RowsRead,
    long Imported,
    long Unchanged,
    long Failed,
    long LastLine,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>True once the job will not change any more.</summary>
    public bool IsFinished => State is ImportJobState.Completed or ImportJobState.Failed;

    /// <summary>A new job whose file is about to be uploaded.</summary>
    public static ImportJob New(string id, ImportKind kind, string mappingJson, string createdBy, DateTimeOffset now) =>
        new(id, kind, mappingJson, createdBy, ImportJobState.Uploading, 0, null, 0, 0, 0, 0, 0, 0, null, now, now);
}
