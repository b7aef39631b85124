using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainStageTests(ClusterFixture fixture)
{
    public static TheoryData<LifecycleStage, LifecycleStage> AllPairs
    {
        get
        {
            var pairs = new TheoryData<LifecycleStage, LifecycleStage>();
            foreach (var from in Enum.GetValues<LifecycleStage>())
            {
                foreach (var to in Enum.GetValues<LifecycleStage>())
                {
                    pairs.Add(from, to);
                }
            }

            return pairs;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task ExecuteAsync_ChangeStage_FollowsTheTransitionTable(LifecycleStage from, LifecycleStage to)
    {
        var id = await fixture.RegisterAsync("stage");
        await fixture.DriveToAsync(id, from);
        var before = fixture.Log.StreamOf(id);

        var result = await fixture.SendAsync(id, Stage(to, "  Because the test says so.  "));

        var after = fixture.Log.StreamOf(id);
        var view = await fixture.ViewAsync(id);
        if (from == to)
        {
            Assert.Equal(CommandStatus.Unchanged, result.Status);
            Assert.Equal(before.Count, result.LastSequence);
            Assert.Equal(before.Count, after.Count);
            Assert.Equal(from, view.Stage);
        }
        else if (LifecycleTransitions.IsAllowed(from, to))
        {
            Assert.Equal(CommandStatus.Accepted, result.Status);
            Assert.Equal(before.Count + 1, result.FirstSequence);
            Assert.Equal(before.Count + 1, result.LastSequence);
            Assert.Equal(before.Count + 1, after.Count);
            var written = Assert.IsType<LifecycleStageChanged>(after[^1].Event);
            Assert.Equal(new LifecycleStageChanged(from, to, "Because the test says so.", null), written);
            Assert.Equal(Actor, after[^1].Actor);
            Assert.Equal(to, view.Stage);
            var last = view.StageHistory[^1];
            Assert.Equal((from, to, "Because the test says so.", (string?)null, Actor), (last.From, last.To, last.Reason, last.Rule, last.Actor));
        }
        else
        {
            Assert.Equal(CommandStatus.Conflict, result.Status);
            Assert.Contains($"cannot move to {System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(to.ToString())}", result.Detail, StringComparison.Ordinal);
            Assert.Equal(before.Count, after.Count);
            Assert.Equal(from, view.Stage);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ExecuteAsync_ChangeStageWithoutReason_IsInvalidOnReason(string? reason)
    {
        var id = await fixture.RegisterAsync("stage");

        var result = await fixture.SendAsync(id, new ChangeStage(LifecycleStage.Acquisition, reason));

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(["reason"], result.Errors!.Keys);
        Assert.Single(fixture.Log.StreamOf(id));
        Assert.Equal(LifecycleStage.Prospect, (await fixture.ViewAsync(id)).Stage);
    }

    [Fact]
    public async Task ExecuteAsync_ChangeStageToUndefinedStage_IsInvalidOnTo()
    {
        var id = await fixture.RegisterAsync("stage");

        var result = await fixture.SendAsync(id, new ChangeStage((LifecycleStage)42, "Why not."));

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.True(result.Errors!.ContainsKey("to"));
        Assert.Single(fixture.Log.StreamOf(id));
    }

    [Fact]
    public async Task ExecuteAsync_ChangeStageFromTerminatedToMaturity_IsRejectedWithTheAllowedTargets()
    {
        var id = await fixture.RegisterAsync("stage");
        await fixture.DriveToAsync(id, LifecycleStage.Terminated);

        var result = await fixture.SendAsync(id, Stage(LifecycleStage.Maturity));

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal("A customer in terminated cannot move to maturity. Allowed: acquisition, growth.", result.Detail);
    }
}
