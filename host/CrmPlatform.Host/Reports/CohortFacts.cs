namespace CrmPlatform.Host.Reports;

/// <summary>The cohorts' sizes, and the histories of the customers that were Terminated at some point.</summary>
public sealed record CohortFacts(IReadOnlyList<CohortSize> Cohorts, IReadOnlyList<CustomerStageHistory> EverTerminated);
