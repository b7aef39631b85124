namespace CrmPlatform.Grains.Tests;

/// <summary>The tests that share the in-process cluster; they run one after another, so the shared clock moves only for one of them at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterDefinition : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
