using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Customers;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainIdempotencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ExecuteAsync_SameKeyTwice_ReplaysTheFirstResultAndWritesNothing()
    {
        var id = await fixture.RegisterAsync("idem");
        var first = await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-tags");
        var events = fixture.Log.StreamOf(id).Count;

        var second = await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-tags");

        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 2, 2, null, null), first);
        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 2, 2, null, null), second);
        Assert.Equal(events, fixture.Log.StreamOf(id).Count);
        Assert.Equal("k-tags", fixture.Log.StreamOf(id)[^1].IdempotencyKey);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyForCommandWithSeveralEvents_ReplaysTheWholeRange()
    {
        var id = await fixture.RegisterAsync("idem");
        var first = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");

        var second = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");

        Assert.Equal((CommandStatus.Accepted, 2L, 3L), (first.Status, first.FirstSequence, first.LastSequence));
        Assert.Equal((CommandStatus.Replayed, 2L, 3L), (second.Status, second.FirstSequence, second.LastSequence));
        Assert.Equal(3, fixture.Log.StreamOf(id).Count);
        Assert.Equal(1, (await fixture.ViewAsync(id)).OrderCount);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyAfterDeactivation_ReplaysFromKeysRebuiltFromTheLog()
    {
        var id = await fixture.RegisterAsync("idem");
        await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");
        await fixture.AcceptAsync(id, AddTags("vip"));
        await fixture.DeactivateAsync(id);
        var writes = fixture.Log.WriteCount;
        var reads = fixture.Log.StreamReadsOf(id);

        var retry = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");

        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 2, 3, null, null), retry);
        Assert.Equal(reads + 1, fixture.Log.StreamReadsOf(id));
        Assert.Equal(4, fixture.Log.StreamOf(id).Count);
        Assert.Equal(writes, fixture.Log.WriteCount);
    }

    [Fact]
    public async Task ExecuteAsync_RegisterRetriedWithSameKey_IsReplayedNotConflict()
    {
        var id = fixture.NewCustomerId("idem");
        var first = await fixture.SendAsync(id, RegisterPerson(), idempotencyKey: "k-register");

        var second = await fixture.SendAsync(id, RegisterPerson(), idempotencyKey: "k-register");

        Assert.Equal(CommandStatus.Accepted, first.Status);
        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 1, 1, null, null), second);
        Assert.Single(fixture.Log.StreamOf(id));
    }

    [Fact]
    public async Task ExecuteAsync_DifferentKeys_AreDifferentCommands()
    {
        var id = await fixture.RegisterAsync("idem");

        var first = await fixture.SendAsync(id, Interaction(), idempotencyKey: "k-1");
        var second = await fixture.SendAsync(id, Interaction(), idempotencyKey: "k-2");

        Assert.Equal((CommandStatus.Accepted, 2L), (first.Status, first.FirstSequence));
        Assert.Equal((CommandStatus.Accepted, 3L), (second.Status, second.FirstSequence));
        Assert.Equal(2, (await fixture.ViewAsync(id)).InteractionCount);
    }

    [Fact]
    public async Task ExecuteAsync_KeyOfARefusedCommand_IsNotRemembered()
    {
        var id = await fixture.RegisterAsync("idem");
        var refused = await fixture.SendAsync(id, new ChangeStage(LifecycleStage.Acquisition, null), idempotencyKey: "k-stage");

        var corrected = await fixture.SendAsync(id, Stage(LifecycleStage.Acquisition, "Fixed the reason."), idempotencyKey: "k-stage");

        Assert.Equal(CommandStatus.Invalid, refused.Status);
        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 2, 2, null, null), corrected);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyWithDifferentCommand_IsKeyReusedAndWritesNothing()
    {
        var id = await fixture.RegisterAsync("idem");
        await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-bound");
        var events = fixture.Log.StreamOf(id).Count;

        var reused = await fixture.SendAsync(id, Order("o-2", 20m), idempotencyKey: "k-bound");
        var otherKind = await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-bound");

        Assert.Equal((CommandStatus.KeyReused, CommandStatus.KeyReused), (reused.Status, otherKind.Status));
        Assert.Contains("k-bound", reused.Detail, StringComparison.Ordinal);
        Assert.Equal(events, fixture.Log.StreamOf(id).Count);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyFromAnotherActor_IsKeyReused()
    {
        var id = await fixture.RegisterAsync("idem");
        await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-actor");

        var other = await fixture.Customer(id).ExecuteAsync(AddTags("vip"), new CommandContext("api-key:someone-else", null, "k-actor"));

        Assert.Equal(CommandStatus.KeyReused, other.Status);
    }
}
