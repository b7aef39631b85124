using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Tests;

public sealed class LifecycleTransitionsTests
{
    // The table of docs/lifecycle.md, row by row: P A G M D T.
    private static readonly string[] Table =
    [
        "-yy..y", // Prospect
        "y-y..y", // Acquisition
        "..-yyy", // Growth
        "...-yy", // Maturity
        "..yy-y", // Decline
        ".yy..-", // Terminated
    ];

    [Fact]
    public void IsAllowed_EveryPair_MatchesTheDocumentedTable()
    {
        var stages = Enum.GetValues<LifecycleStage>();
        Assert.Equal(6, stages.Length);
        foreach (var from in stages)
        {
            foreach (var to in stages)
            {
                var expected = Table[(int)from][(int)to] == 'y';
                Assert.True(expected == LifecycleTransitions.IsAllowed(from, to), $"{from} -> {to} should be {(expected ? "allowed" : "forbidden")}.");
            }
        }
    }

    [Fact]
    public void IsAllowed_SameStage_IsNeverATransition()
    {
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            Assert.False(LifecycleTransitions.IsAllowed(stage, stage));
        }
    }

    [Fact]
    public void IsAllowed_UndefinedStage_IsForbidden()
    {
        Assert.False(LifecycleTransitions.IsAllowed((LifecycleStage)42, LifecycleStage.Growth));
        Assert.False(LifecycleTransitions.IsAllowed(LifecycleStage.Growth, (LifecycleStage)42));
    }

    [Fact]
    public void From_EveryStage_ListsExactlyTheAllowedTargets()
    {
        foreach (var from in Enum.GetValues<LifecycleStage>())
        {
            var expected = Enum.GetValues<LifecycleStage>().Where(to => LifecycleTransitions.IsAllowed(from, to));

            Assert.Equal(expected, LifecycleTransitions.From(from).Order());
        }
    }

    [Fact]
    public void From_Terminated_IsAcquisitionAndGrowth()
    {
        Assert.Equal([LifecycleStage.Acquisition, LifecycleStage.Growth], LifecycleTransitions.From(LifecycleStage.Terminated).Order());
    }

    [Theory]
    [InlineData(LifecycleStage.Decline, LifecycleStage.Growth, true)]
    [InlineData(LifecycleStage.Decline, LifecycleStage.Maturity, true)]
    [InlineData(LifecycleStage.Terminated, LifecycleStage.Acquisition, true)]
    [InlineData(LifecycleStage.Terminated, LifecycleStage.Growth, true)]
    [InlineData(LifecycleStage.Decline, LifecycleStage.Terminated, false)]
    [InlineData(LifecycleStage.Growth, LifecycleStage.Maturity, false)]
    [InlineData(LifecycleStage.Prospect, LifecycleStage.Growth, false)]
    public void IsWinBack_Pair_IsAMoveBackFromDeclineOrTerminated(LifecycleStage from, LifecycleStage to, bool expected)
    {
        Assert.Equal(expected, LifecycleTransitions.IsWinBack(from, to));
    }
}
