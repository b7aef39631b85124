namespace CrmPlatform.Sdk.Testing;

/// <summary>What one run of a scheduled job did.</summary>
/// <param name="JobName">The job.</param>
/// <param name="StartedAt">When the run started, by the host's clock; part of its idempotency keys.</param>
/// <param name="Calls">The <see cref="Crm.ICrm"/> calls the job made.</param>
public sealed record JobRunResult(string JobName, DateTimeOffset StartedAt, IReadOnlyList<CrmCall> Calls);
