namespace CrmPlatform.Host.Tests.Cluster;

/// <summary>A grain that reports where it runs, keeps a counter in the <c>crm</c> storage and sets a reminder.</summary>
public interface IClusterProbeGrain : IGrainWithStringKey
{
    Task<ProbeLocation> WhereAsync();

    Task<int> IncrementAsync();

    Task<int> CountAsync();

    Task RegisterReminderAsync(string name, TimeSpan period);
}
