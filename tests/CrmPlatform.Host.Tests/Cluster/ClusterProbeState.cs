namespace CrmPlatform.Host.Tests.Cluster;

/// <summary>The probe's persisted state.</summary>
public sealed class ClusterProbeState
{
    public int Count { get; set; }
}
