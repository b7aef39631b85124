using CrmPlatform.Grains.Service;

namespace CrmPlatform.Grains.Tests;

public sealed class QueueAssignerTests
{
    private static readonly string[] Agents = ["ada", "bob", "cy", "dee", "eve"];

    private static QueueAssigner Assigner(AssignmentStrategy strategy, int? cap, IReadOnlyDictionary<string, int>? loads = null) =>
        new(new QueueDefinition("q", "Support", Agents, strategy, cap), loads ?? new Dictionary<string, int>());

    private static Dictionary<string, int> AssignFifty(QueueAssigner assigner, out int unassigned)
    {
        var counts = Agents.ToDictionary(a => a, _ => 0);
        unassigned = 0;
        for (var i = 0; i < 50; i++)
        {
            if (assigner.Next() is { } agent)
            {
                counts[agent]++;
            }
            else
            {
                unassigned++;
            }
        }

        return counts;
    }

    [Fact]
    public void Next_RoundRobinFiveAgentsFiftyCases_TenEachInTurn()
    {
        var assigner = Assigner(AssignmentStrategy.RoundRobin, cap: null);

        var first = Enumerable.Range(0, 6).Select(_ => assigner.Next()).ToArray();
        var counts = AssignFifty(assigner, out var unassigned);

        Assert.Equal(["ada", "bob", "cy", "dee", "eve", "ada"], first);
        Assert.Equal(0, unassigned);
        Assert.Equal([10, 10, 10, 10, 10], counts.Values);
    }

    [Fact]
    public void Next_RoundRobinWithCap_SkipsFullAgentsAndStopsAtTheCap()
    {
        var assigner = Assigner(AssignmentStrategy.RoundRobin, cap: 8, new Dictionary<string, int> { ["bob"] = 8, ["cy"] = 5 });

        var counts = AssignFifty(assigner, out var unassigned);

        Assert.Equal(new Dictionary<string, int> { ["ada"] = 8, ["bob"] = 0, ["cy"] = 3, ["dee"] = 8, ["eve"] = 8 }, counts);
        Assert.Equal(50 - 27, unassigned);
        Assert.All(assigner.Loads.Values, load => Assert.Equal(8, load));
    }

    [Fact]
    public void Next_LeastLoadedFiveAgentsFiftyCases_EvensOutTheLoads()
    {
        var assigner = Assigner(AssignmentStrategy.LeastLoaded, cap: 12, new Dictionary<string, int> { ["ada"] = 6, ["bob"] = 4, ["cy"] = 0 });

        var counts = AssignFifty(assigner, out var unassigned);

        // 60 cases in all over five agents with a cap of 12: everyone ends at 12, those who had more got fewer.
        Assert.Equal(new Dictionary<string, int> { ["ada"] = 6, ["bob"] = 8, ["cy"] = 12, ["dee"] = 12, ["eve"] = 12 }, counts);
        Assert.Equal(0, unassigned);
        Assert.All(assigner.Loads.Values, load => Assert.Equal(12, load));
    }

    [Fact]
    public void Next_LeastLoadedAfterRelease_GivesTheNextCaseToTheReleasedAgent()
    {
        var assigner = Assigner(AssignmentStrategy.LeastLoaded, cap: 2);
        AssignFifty(assigner, out var unassigned);

        assigner.Release("dee");

        Assert.Equal(40, unassigned);
        Assert.Equal("dee", assigner.Next());
        Assert.Null(assigner.Next());
    }
}
