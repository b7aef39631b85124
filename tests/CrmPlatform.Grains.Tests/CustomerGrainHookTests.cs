using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Hooks;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

/// <summary>
/// The customer grain and the command-hook port: a veto refuses the command and writes nothing;
/// enrichments are checked and written in the command's own append; hooks see the customer as it
/// was before the command, and only the commands they want. The hook runner is the cluster's
/// shared <see cref="ScriptedCommandHooks"/>, reset by every test.
/// </summary>
[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainHookTests(ClusterFixture fixture) : IDisposable
{
    private ScriptedCommandHooks Hooks { get; } = Reset(fixture.Hooks);

    public void Dispose() => fixture.Hooks.Reset();

    [Fact]
    public async Task ExecuteAsync_HookVetoes_ReturnsVetoedWithTheReasonAndWritesNothing()
    {
        var id = await fixture.RegisterAsync("hook");
        Hooks.WantedEvent = typeof(OrderPlaced);
        Hooks.Verdict = new HookVerdict("Plugin 'credit': order above the limit.", [], []);
        var events = fixture.Log.StreamOf(id).Count;
        var writes = fixture.Log.WriteCount;

        var result = await fixture.SendAsync(id, Order("o-1", 5_000m));

        Assert.Equal(CommandResult.Vetoed(id, "Plugin 'credit': order above the limit."), result);
        Assert.False(result.Succeeded);
        Assert.Equal(events, fixture.Log.StreamOf(id).Count);
        Assert.Equal(writes, fixture.Log.WriteCount);
        Assert.Equal(0, (await fixture.ViewAsync(id)).OrderCount);
    }

    [Fact]
    public async Task ExecuteAsync_HookEnriches_WritesTagsAndInsightsInTheCommandsOwnAppend()
    {
        var id = await fixture.RegisterAsync("hook");
        Hooks.WantedEvent = typeof(OrderPlaced);
        Hooks.Verdict = new HookVerdict(null, ["big-spender"], [("acme.scoring", new HookInsight("order-score", 0.75, "high"))]);
        var writes = fixture.Log.WriteCount;

        var result = await fixture.AcceptAsync(id, Order("o-1", 10m));

        var written = fixture.Log.StreamOf(id).Where(e => e.Sequence >= result.FirstSequence).ToList();
        Assert.Equal(writes + 1, fixture.Log.WriteCount);
        Assert.Equal(result.LastSequence, written[^1].Sequence);
        Assert.IsType<OrderPlaced>(written[0].Event);
        Assert.Equal(["big-spender"], Assert.Single(written.Select(e => e.Event).OfType<TagsChanged>()).Added);
        Assert.Equal(new InsightUpdated("order-score", 0.75, "high", "acme.scoring"), Assert.Single(written.Select(e => e.Event).OfType<InsightUpdated>()));
        Assert.All(written, e => Assert.Equal(written[0].IdempotencyKey, e.IdempotencyKey));
        var view = await fixture.ViewAsync(id);
        Assert.Contains("big-spender", view.Tags);
        Assert.Equal(("acme.scoring", 0.75, "high"), (view.Insights["order-score"].Source, view.Insights["order-score"].Value, view.Insights["order-score"].Label));
    }

    [Fact]
    public async Task ExecuteAsync_InvalidEnrichment_IsDroppedAndTheCommandStillWritten()
    {
        var id = await fixture.RegisterAsync("hook");
        await fixture.AcceptAsync(id, AddTags("already"));
        Hooks.WantedEvent = typeof(OrderPlaced);
        Hooks.Verdict = new HookVerdict(
            null,
            ["Not A Tag!", "already", "fine-tag"],
            [("acme.scoring", new HookInsight("Bad Name", 1, null)), ("acme.scoring", new HookInsight("empty", null, null)), ("acme.scoring", new HookInsight("nan", double.NaN, null))]);

        var result = await fixture.AcceptAsync(id, Order("o-1", 10m));

        var written = fixture.Log.StreamOf(id).Where(e => e.Sequence >= result.FirstSequence).Select(e => e.Event).ToList();
        Assert.Equal(["fine-tag"], Assert.Single(written.OfType<TagsChanged>()).Added);
        Assert.Empty(written.OfType<InsightUpdated>());
        Assert.Equal(1, (await fixture.ViewAsync(id)).OrderCount);
    }

    [Fact]
    public async Task ExecuteAsync_WhenNoHookWantsTheEvents_DoesNotCallTheHooks()
    {
        var id = await fixture.RegisterAsync("hook");
        Hooks.WantedEvent = typeof(OrderPlaced);
        Hooks.Verdict = new HookVerdict("Would veto everything.", [], []);

        var tagged = await fixture.SendAsync(id, AddTags("vip"));
        Hooks.WantedEvent = typeof(CaseOpened);
        var ordered = await fixture.SendAsync(id, Order("o-1", 10m));

        Assert.Equal((CommandStatus.Accepted, CommandStatus.Accepted), (tagged.Status, ordered.Status));
        Assert.Empty(Hooks.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_HookRequest_CarriesTheCustomerBeforeTheCommandAndItsEvents()
    {
        var id = fixture.NewCustomerId("hook");
        Hooks.WantedEvent = typeof(CustomerRegistered);
        await fixture.AcceptAsync(id, RegisterPerson());
        await fixture.AcceptAsync(id, AddTags("before"));
        var before = await fixture.ViewAsync(id);
        Hooks.WantedEvent = typeof(OrderPlaced);

        await fixture.AcceptAsync(id, Order("o-1", 10m));

        Assert.Equal(2, Hooks.Requests.Count);
        var registration = Hooks.Requests[0];
        Assert.Null(registration.Before);
        Assert.IsType<CustomerRegistered>(Assert.Single(registration.Events));
        var order = Hooks.Requests[1];
        Assert.Equal((id, Actor), (order.CustomerId, order.Actor));
        Assert.NotNull(order.Before);
        Assert.Equal(before.ToJson(), order.Before.ToJson());
        Assert.Equal(0, order.Before.OrderCount);
        Assert.Equal(["before"], order.Before.Tags);
        Assert.Equal("o-1", Assert.Single(order.Events.OfType<OrderPlaced>()).OrderId);
        Assert.Equal(fixture.Log.StreamOf(id).Where(e => e.Sequence > before.Version).Select(e => e.Event.GetType()), order.Events.Select(e => e.GetType()));
    }

    private static ScriptedCommandHooks Reset(ScriptedCommandHooks hooks)
    {
        hooks.Reset();
        return hooks;
    }
}
