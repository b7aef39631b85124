using CrmPlatform.Host.Hosting;

namespace CrmPlatform.Host.Tests.Architecture;

/// <summary>
/// The host's module rules, checked on the compiled assembly: the composition root only composes,
/// the kernel depends on no module, and modules do not depend on each other in cycles.
/// </summary>
public sealed class ModuleDependencyTests
{
    // Cycles that remain, each to be removed by the change that breaks it (the test fails when one
    // disappears, so the list cannot go stale, and when a new one appears).
    private static readonly string[] KnownCycles = [];

    private static readonly ModuleGraph Host = ModuleGraph.Of(typeof(CrmPlatformApp).Assembly);

    [Fact]
    public void Modules_DependOnEachOtherWithoutCycles()
    {
        Assert.Equal(KnownCycles, Host.MutuallyReachablePairs());
    }

    [Fact]
    public void Hosting_IsTheCompositionRoot_NoModuleDependsOnIt()
    {
        Assert.Empty(Host.DependentsOf("Hosting"));
    }

    [Fact]
    public void Kernel_DependsOnNoModule()
    {
        Assert.Empty(Host.Edges["Kernel"]);
    }

    [Fact]
    public void Storage_DependsOnTheKernelAlone()
    {
        Assert.Subset(new HashSet<string>(["Kernel"]), Host.Edges["Storage"].ToHashSet());
    }

    [Fact]
    public void MutuallyReachablePairs_CycleThroughAThirdModule_IsReported()
    {
        var graph = ModuleGraph.From(("Sales", "Customers"), ("Customers", "Channels"), ("Channels", "Sales"), ("Channels", "Kernel"));

        Assert.Equal(["Channels ↔ Customers", "Channels ↔ Sales", "Customers ↔ Sales"], graph.MutuallyReachablePairs());
        Assert.Empty(ModuleGraph.From(("Sales", "Customers"), ("Customers", "Kernel")).MutuallyReachablePairs());
    }
}
