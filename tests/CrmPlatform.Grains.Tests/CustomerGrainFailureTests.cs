using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

/// <summary>What the grain does when the log fails or another writer moved the stream on.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainFailureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ExecuteAsync_AppendFailsOnceBeforeWriting_TheGrainRetriesAndIsAccepted()
    {
        var id = await fixture.RegisterAsync("fail");
        fixture.Log.FailNextAppend(id, afterWriting: false);

        var result = await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-1");

        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 2, 2, null, null), result);
        Assert.Equal(2, fixture.Log.StreamOf(id).Count);
        Assert.Equal(["vip"], (await fixture.ViewAsync(id)).Tags);
    }

    [Fact]
    public async Task ExecuteAsync_AcknowledgementLostAfterWriting_TheGrainsRetryFindsTheEventsAndWritesNothingTwice()
    {
        var id = await fixture.RegisterAsync("fail");
        fixture.Log.FailNextAppend(id, afterWriting: true);

        var result = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");
        var clientRetry = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");

        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 2, 3, null, null), result);
        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 2, 3, null, null), clientRetry);
        Assert.Equal(3, fixture.Log.StreamOf(id).Count);
        Assert.Equal(1, (await fixture.ViewAsync(id)).OrderCount);
    }

    [Fact]
    public async Task ExecuteAsync_AppendFailsTwiceBeforeWriting_OutcomeUnknownAndTheClientsRetryIsAccepted()
    {
        var id = await fixture.RegisterAsync("fail");
        fixture.Log.FailNextAppend(id, afterWriting: false, times: 2);

        await Assert.ThrowsAsync<CommandOutcomeUnknownException>(() => fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-3"));
        var clientRetry = await fixture.SendAsync(id, AddTags("vip"), idempotencyKey: "k-3");

        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 2, 2, null, null), clientRetry);
        Assert.Equal(2, fixture.Log.StreamOf(id).Count);
    }

    [Fact]
    public async Task ExecuteAsync_StreamMovedOnByAnotherWriter_IsConflictAndTheNextCommandSeesTheNewState()
    {
        var id = await fixture.RegisterAsync("fail");
        Assert.Single((await fixture.ViewAsync(id)).Emails);
        var now = fixture.Clock.GetUtcNow();
        await fixture.Log.AppendAsync(id, 1, [new EventEnvelope(
            Guid.NewGuid(), id, 2, 0, now, now, "user:elsewhere", null, null, new TagsChanged(["from-elsewhere"], []))]);

        var stale = await fixture.SendAsync(id, AddTags("vip"));
        var fresh = await fixture.SendAsync(id, AddTags("vip"));

        Assert.Equal(CommandStatus.Conflict, stale.Status);
        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 3, 3, null, null), fresh);
        Assert.Equal(["from-elsewhere", "vip"], (await fixture.ViewAsync(id)).Tags);
    }
}
