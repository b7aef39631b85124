using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

/// <summary>The automatic lifecycle rules on a real grain. Thresholds: 3 orders or 1000 EUR to Maturity, 30 days to Decline.</summary>
[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainLifecycleRuleTests(ClusterFixture fixture)
{
    private static readonly TimeSpan DeclineAfter = TimeSpan.FromDays(TestCustomerOptions.DeclineAfterDays);

    [Theory]
    [InlineData(LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Acquisition)]
    public async Task ExecuteAsync_FirstOrder_MovesToGrowthByFirstOrderRule(LifecycleStage from)
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.DriveToAsync(id, from);
        var version = fixture.Log.StreamOf(id).Count;

        var result = await fixture.AcceptAsync(id, Order("o-1", 10m));

        Assert.Equal((version + 1, version + 2), (result.FirstSequence, result.LastSequence));
        var written = fixture.Log.StreamOf(id).Skip(version).Select(e => e.Event).ToArray();
        Assert.IsType<OrderPlaced>(written[0]);
        Assert.Equal(new LifecycleStageChanged(from, LifecycleStage.Growth, "First order placed.", LifecycleRules.FirstOrder), written[1]);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal("first-order", view.StageHistory[^1].Rule);
        Assert.Equal(Actor, view.StageHistory[^1].Actor);
        Assert.Equal(fixture.Clock.GetUtcNow(), view.FirstOrderAt);
    }

    [Fact]
    public async Task ExecuteAsync_OrderThatReachesTheOrderCount_MovesToMaturity()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        await fixture.AcceptAsync(id, Order("o-2", 10m));
        Assert.Equal(LifecycleStage.Growth, (await fixture.ViewAsync(id)).Stage);

        var result = await fixture.AcceptAsync(id, Order("o-3", 10m));

        Assert.Equal((5L, 6L), (result.FirstSequence, result.LastSequence));
        Assert.Equal(
            new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Maturity, "Reached 3 orders and 30 revenue.", LifecycleRules.Maturity),
            fixture.Log.StreamOf(id)[^1].Event);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Maturity, view.Stage);
        Assert.Equal("maturity-threshold", view.StageHistory[^1].Rule);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledOrders_DoNotCountTowardMaturity()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        await fixture.AcceptAsync(id, Order("o-2", 10m));
        await fixture.AcceptAsync(id, new CancelOrder("o-2", "Returned."));

        var result = await fixture.AcceptAsync(id, Order("o-3", 10m));

        Assert.Equal(result.FirstSequence, result.LastSequence);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal(2, view.OrderCount);
        Assert.Equal(20m, view.Revenue["EUR"]);
    }

    [Fact]
    public async Task ExecuteAsync_FirstOrderReachingTheRevenue_MovesToGrowthThenMaturity()
    {
        var id = await fixture.RegisterAsync("rules");

        var result = await fixture.AcceptAsync(id, Order("o-1", 1_000m));

        Assert.Equal((2L, 4L), (result.FirstSequence, result.LastSequence));
        var written = fixture.Log.StreamOf(id).Skip(1).Select(e => e.Event).ToArray();
        Assert.Equal(
            [
                new OrderPlaced("o-1", 1_000m, "EUR", []),
                new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"),
                new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Maturity, "Reached 1 orders and 1000 revenue.", "maturity-threshold"),
            ],
            written.Select(e => e is OrderPlaced o ? o with { Lines = [] } : e));
        Assert.Equal(LifecycleStage.Maturity, (await fixture.ViewAsync(id)).Stage);
    }

    [Fact]
    public async Task ExecuteAsync_RevenueInAnotherCurrency_DoesNotCountTowardMaturity()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 5_000m, currency: "USD"));

        var result = await fixture.AcceptAsync(id, Order("o-2", 999.99m));

        Assert.Equal(result.FirstSequence, result.LastSequence);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal(5_000m, view.Revenue["USD"]);
        Assert.Equal(999.99m, view.Revenue["EUR"]);
        Assert.Equal(2, view.OrderCount);
    }

    [Fact]
    public async Task ExecuteAsync_BaseCurrencyRevenueAcrossOrders_MovesToMaturityWhenReached()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 600m));

        await fixture.AcceptAsync(id, Order("o-2", 400m));

        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Maturity, view.Stage);
        Assert.Equal("Reached 2 orders and 1000 revenue.", view.StageHistory[^1].Reason);
    }

    [Theory]
    [InlineData(LifecycleStage.Decline)]
    [InlineData(LifecycleStage.Terminated)]
    public async Task ExecuteAsync_OrderAfterDeclineOrTermination_WinsTheCustomerBack(LifecycleStage from)
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.DriveToAsync(id, from);

        await fixture.AcceptAsync(id, Order("o-1", 10m));

        Assert.Equal(
            new LifecycleStageChanged(from, LifecycleStage.Growth, "Won back by a new order.", LifecycleRules.WinBackOrder),
            fixture.Log.StreamOf(id)[^1].Event);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal("win-back-order", view.StageHistory[^1].Rule);
    }

    [Fact]
    public async Task ExecuteAsync_OrderInMaturity_ChangesNoStage()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 1_000m));

        var result = await fixture.AcceptAsync(id, Order("o-2", 10m));

        Assert.Equal(result.FirstSequence, result.LastSequence);
        Assert.Equal(LifecycleStage.Maturity, (await fixture.ViewAsync(id)).Stage);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_InactiveForDeclineAfterDays_MovesToDeclineAsTheRules()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        fixture.Clock.Advance(DeclineAfter);

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Accepted, result.Status);
        Assert.Equal((4L, 4L), (result.FirstSequence, result.LastSequence));
        var envelope = fixture.Log.StreamOf(id)[^1];
        Assert.Equal(new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Decline, "No order for 30 days.", "inactivity"), envelope.Event);
        Assert.Equal((CustomerGrain.RulesActor, (string?)null, (string?)null), (envelope.Actor, envelope.CorrelationId, envelope.IdempotencyKey));
        Assert.Equal(fixture.Clock.GetUtcNow(), envelope.OccurredAt);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Decline, view.Stage);
        var last = view.StageHistory[^1];
        Assert.Equal(("inactivity", "system:lifecycle-rules", fixture.Clock.GetUtcNow()), (last.Rule, last.Actor, last.At));
    }

    [Fact]
    public async Task ApplyDueRulesAsync_OneTickBeforeDue_IsUnchangedAndWritesNothing()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        fixture.Clock.Advance(DeclineAfter - TimeSpan.FromTicks(1));

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Unchanged, result.Status);
        Assert.Equal(3, result.LastSequence);
        Assert.Equal(3, fixture.Log.StreamOf(id).Count);
        Assert.Equal(LifecycleStage.Growth, (await fixture.ViewAsync(id)).Stage);

        fixture.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(CommandStatus.Accepted, (await fixture.Customer(id).ApplyDueRulesAsync()).Status);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_AfterDecline_IsUnchanged()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        fixture.Clock.Advance(DeclineAfter);
        await fixture.Customer(id).ApplyDueRulesAsync();
        fixture.Clock.Advance(DeclineAfter * 3);

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Unchanged, result.Status);
        Assert.Equal(4, fixture.Log.StreamOf(id).Count);
    }

    [Theory]
    [InlineData(LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Acquisition)]
    [InlineData(LifecycleStage.Terminated)]
    public async Task ApplyDueRulesAsync_StageWithoutInactivityRule_IsUnchangedHoweverLong(LifecycleStage stage)
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.DriveToAsync(id, stage);
        var version = fixture.Log.StreamOf(id).Count;
        fixture.Clock.Advance(DeclineAfter * 10);

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Unchanged, result.Status);
        Assert.Equal(version, fixture.Log.StreamOf(id).Count);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_ManualStageChange_RestartsTheClock()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        fixture.Clock.Advance(TimeSpan.FromDays(20));
        await fixture.AcceptAsync(id, Stage(LifecycleStage.Maturity, "Key account."));
        fixture.Clock.Advance(TimeSpan.FromDays(20));

        var early = await fixture.Customer(id).ApplyDueRulesAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        var due = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Unchanged, early.Status);
        Assert.Equal(CommandStatus.Accepted, due.Status);
        Assert.Equal(
            new LifecycleStageChanged(LifecycleStage.Maturity, LifecycleStage.Decline, "No order for 30 days.", "inactivity"),
            fixture.Log.StreamOf(id)[^1].Event);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_LaterOrder_RestartsTheClock()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        fixture.Clock.Advance(TimeSpan.FromDays(20));
        await fixture.AcceptAsync(id, Order("o-2", 10m));
        fixture.Clock.Advance(TimeSpan.FromDays(20));

        var early = await fixture.Customer(id).ApplyDueRulesAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        var due = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Unchanged, early.Status);
        Assert.Equal(CommandStatus.Accepted, due.Status);
        Assert.Equal(LifecycleStage.Decline, (await fixture.ViewAsync(id)).Stage);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_ImportedOrderPlacedLongAgo_IsDueWithoutWaiting()
    {
        var id = await fixture.RegisterAsync("rules");
        var placedAt = fixture.Clock.GetUtcNow() - DeclineAfter - TimeSpan.FromDays(1);
        await fixture.AcceptAsync(id, Order("o-1", 10m, placedAt: placedAt));

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Accepted, result.Status);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Decline, view.Stage);
        Assert.Equal(placedAt, view.StageHistory[0].At);
        Assert.Equal(placedAt, view.LastOrderAt);
    }

    [Fact]
    public async Task ApplyDueRulesAsync_CustomerNotInMemory_RebuildsFromTheLogAndDeclines()
    {
        var id = await fixture.RegisterAsync("rules");
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        await fixture.DeactivateAsync(id);
        var reads = fixture.Log.StreamReadsOf(id);
        fixture.Clock.Advance(DeclineAfter + TimeSpan.FromHours(1));

        var result = await fixture.Grains.GetGrain<Abstractions.Customers.ICustomerGrain>(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.Accepted, result.Status);
        Assert.Equal((4L, 4L), (result.FirstSequence, result.LastSequence));
        Assert.Equal(reads + 1, fixture.Log.StreamReadsOf(id));
        var view = await fixture.ViewAsync(id);
        Assert.Equal(LifecycleStage.Decline, view.Stage);
        Assert.Equal(4, view.Version);
        Assert.Equal(
            [(LifecycleStage.Prospect, LifecycleStage.Growth, "first-order"), (LifecycleStage.Growth, LifecycleStage.Decline, "inactivity")],
            view.StageHistory.Select(s => (s.From, s.To, s.Rule)));
    }
}
