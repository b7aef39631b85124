
namespace CrmPlatform.Host.Import;

/// <summary>An import job's progress: <c>state</c> is queued, running, completed or failed.</summary>
public sealed record ImportJobResponse(
    string Id,
    string Kind,
    string State,
    long FileBytes,
    double Percent,
    long RowsRead,
    long Imported,
    long Unchanged,
    long Failed,
    long LastLine,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Uri ErrorsUrl)
{
    /// <summary>The response for <paramref name="job"/>.</summary>
    public static ImportJobResponse Of(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var percent = job.State == ImportJobState.Completed ? 100
            : job.FileBytes > 0 ? Math.Round(100.0 * job.BytesRead / job.FileBytes, 1) : 0;
        return new ImportJobResponse(
            job.Id,
            ImportJobStates.Name(job.Kind),
            job.State == ImportJobState.Uploading ? "queued" : ImportJobStates.Name(job.State),
            job.FileBytes,
            percent,
            job.RowsRead,
            job.Imported,
            job.Unchanged,
            job.Failed,
            job.LastLine,
            job.Error,
            job.CreatedAt,
            job.UpdatedAt,
            new Uri($"/api/imports/{job.Id}/errors", UriKind.Relative));
    }
}
