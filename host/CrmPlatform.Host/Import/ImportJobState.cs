namespace CrmPlatform.Host.Import;

/// <summary>Where an import job is.</summary>
public enum ImportJobState
{
    /// <summary>The file is still arriving; no runner may take the job yet.</summary>
    Uploading = 0,

    /// <summary>The file is stored; a runner will take the job.</summary>
    Queued = 1,

    /// <summary>A runner is importing rows (or was, and another will resume from the last stored line).</summary>
    Running = 2,

    /// <summary>Every row was read; bad rows are listed with the job's errors.</summary>
    Completed = 3,

    /// <summary>The file could not be read to the end; <see cref="ImportJob.Error"/> says why.</summary>
    Failed = 4,
}
