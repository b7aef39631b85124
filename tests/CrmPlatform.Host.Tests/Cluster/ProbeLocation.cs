namespace CrmPlatform.Host.Tests.Cluster;

/// <summary>Which activation answered, on which silo.</summary>
[GenerateSerializer]
public sealed record ProbeLocation([property: Id(0)] string ActivationId, [property: Id(1)] string Silo);
