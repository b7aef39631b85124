namespace CrmPlatform.Plugins.Analytics.Jobs;

/// <summary>The last run of one of the plugin's jobs (state key <c>jobs/{name}</c>), with its figures.</summary>
/// <param name="Job">The job.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="Succeeded">Whether it did its work.</param>
/// <param name="Detail">What it did, or why it did not.</param>
/// <param name="Customers">Customers it went through.</param>
/// <param name="InsightsWritten">Insights it wrote (only changed ones are).</param>
/// <param name="TrainingMilliseconds">Time spent training, for <c>train-churn</c>.</param>
/// <param name="ScoringMilliseconds">Time spent scoring churn risk.</param>
/// <param name="WritingMilliseconds">Time spent writing insights back.</param>
/// <param name="TotalMilliseconds">The whole run.</param>
public sealed record JobRunRecord(
    string Job,
    DateTimeOffset StartedAt,
    bool Succeeded,
    string Detail,
    int Customers,
    int InsightsWritten,
    double TrainingMilliseconds,
    double ScoringMilliseconds,
    double WritingMilliseconds,
    double TotalMilliseconds)
{
    /// <summary>The state key prefix of the records.</summary>
    public const string KeyPrefix = "jobs/";
}
