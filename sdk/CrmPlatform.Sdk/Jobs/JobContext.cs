using CrmPlatform.Sdk.Crm;

namespace CrmPlatform.Sdk.Jobs;

/// <summary>What a scheduled job run gets.</summary>
/// <param name="JobName">The job's name.</param>
/// <param name="StartedAt">When this run started.</param>
/// <param name="Crm">Commands back into the platform; writes are keyed by this run.</param>
public sealed record JobContext(string JobName, DateTimeOffset StartedAt, ICrm Crm);
