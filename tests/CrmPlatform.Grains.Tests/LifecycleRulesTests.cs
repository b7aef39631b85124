using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Lifecycle;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

public sealed class LifecycleRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleRuleOptions Options = new() { MaturityOrderCount = 3, MaturityRevenue = 1_000m, DeclineAfterDays = 30 };

    [Theory]
    [InlineData(LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Acquisition)]
    public void AfterOrder_FirstOrderBelowThresholds_MovesToGrowthOnly(LifecycleStage stage)
    {
        var changes = LifecycleRules.AfterOrder(stage, 1, 10m, Options);

        Assert.Equal([new LifecycleStageChanged(stage, LifecycleStage.Growth, "First order placed.", "first-order")], changes);
    }

    [Theory]
    [InlineData(LifecycleStage.Decline)]
    [InlineData(LifecycleStage.Terminated)]
    public void AfterOrder_OrderAfterDeclineOrTermination_WinsBack(LifecycleStage stage)
    {
        var changes = LifecycleRules.AfterOrder(stage, 2, 10m, Options);

        Assert.Equal([new LifecycleStageChanged(stage, LifecycleStage.Growth, "Won back by a new order.", "win-back-order")], changes);
    }

    [Fact]
    public void AfterOrder_WinBackThatAlsoReachesTheOrderCount_MovesOnToMaturity()
    {
        var changes = LifecycleRules.AfterOrder(LifecycleStage.Terminated, 3, 0m, Options);

        Assert.Equal(
            [
                new LifecycleStageChanged(LifecycleStage.Terminated, LifecycleStage.Growth, "Won back by a new order.", "win-back-order"),
                new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Maturity, "Reached 3 orders and 0 revenue.", "maturity-threshold"),
            ],
            changes);
    }

    [Theory]
    [InlineData(3, 0, true)]
    [InlineData(2, 999.99, false)]
    [InlineData(1, 1000, true)]
    [InlineData(2, 1000.005, true)]
    public void AfterOrder_InGrowth_MovesToMaturityAtEitherThreshold(int orders, double revenue, bool expected)
    {
        var changes = LifecycleRules.AfterOrder(LifecycleStage.Growth, orders, (decimal)revenue, Options).ToArray();

        Assert.Equal(expected, changes.Length == 1);
        if (expected)
        {
            Assert.Equal((LifecycleStage.Growth, LifecycleStage.Maturity, "maturity-threshold"), (changes[0].From, changes[0].To, changes[0].Rule));
        }
    }

    [Fact]
    public void AfterOrder_MaturityReason_FormatsRevenueWithTwoDecimalsAtMost()
    {
        var change = Assert.Single(LifecycleRules.AfterOrder(LifecycleStage.Growth, 1, 1234.5678m, Options));

        Assert.Equal("Reached 1 orders and 1234.57 revenue.", change.Reason);
    }

    [Fact]
    public void AfterOrder_InMaturity_ChangesNothing()
    {
        Assert.Empty(LifecycleRules.AfterOrder(LifecycleStage.Maturity, 100, 1_000_000m, Options));
    }

    [Fact]
    public void AfterOrder_EveryStage_ProducesOnlyAllowedTransitions()
    {
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            foreach (var change in LifecycleRules.AfterOrder(stage, 100, 1_000_000m, Options))
            {
                Assert.True(LifecycleTransitions.IsAllowed(change.From, change.To), $"{change.From} -> {change.To} by {change.Rule}");
            }
        }
    }

    [Fact]
    public void InactivityDueAt_GrowthWithLaterOrder_IsLastOrderPlusDeclineAfterDays()
    {
        var state = new EventStream()
            .Add(T0, Registered())
            .Add(T0.AddDays(1), new OrderPlaced("o-1", 10m, "EUR", []))
            .Add(T0.AddDays(1), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
            .Add(T0.AddDays(5), new OrderPlaced("o-2", 10m, "EUR", []))
            .ToState();

        Assert.Equal(T0.AddDays(35), LifecycleRules.InactivityDueAt(state, Options));
    }

    [Fact]
    public void InactivityDueAt_StageEnteredAfterLastOrder_IsStageEnteredPlusDeclineAfterDays()
    {
        var state = new EventStream()
            .Add(T0, Registered())
            .Add(T0.AddDays(1), new OrderPlaced("o-1", 10m, "EUR", []))
            .Add(T0.AddDays(1), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
            .Add(T0.AddDays(8), new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Maturity, "Key account.", null))
            .ToState();

        Assert.Equal(T0.AddDays(38), LifecycleRules.InactivityDueAt(state, Options));
    }

    [Theory]
    [InlineData(LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Acquisition)]
    [InlineData(LifecycleStage.Decline)]
    [InlineData(LifecycleStage.Terminated)]
    public void InactivityDueAt_StageWithoutInactivityRule_IsNull(LifecycleStage stage)
    {
        var stream = new EventStream().Add(T0, Registered());
        if (stage != LifecycleStage.Prospect)
        {
            var via = stage == LifecycleStage.Decline ? LifecycleStage.Growth : LifecycleStage.Prospect;
            if (via != LifecycleStage.Prospect)
            {
                stream.Add(T0, new LifecycleStageChanged(LifecycleStage.Prospect, via, "Setup.", null));
            }

            stream.Add(T0, new LifecycleStageChanged(via, stage, "Setup.", null));
        }

        var state = stream.ToState();

        Assert.Equal(stage, state.Stage);
        Assert.Null(LifecycleRules.InactivityDueAt(state, Options));
        Assert.Null(LifecycleRules.Due(state, T0.AddYears(10), Options));
    }

    [Fact]
    public void InactivityDueAt_UnregisteredCustomer_IsNull()
    {
        Assert.Null(LifecycleRules.InactivityDueAt(new Customers.CustomerState(), Options));
    }

    [Fact]
    public void Due_AtTheDueTimeExactly_MovesToDecline()
    {
        var state = InGrowthSince(T0);

        Assert.Null(LifecycleRules.Due(state, T0.AddDays(30).AddTicks(-1), Options));
        Assert.Equal(
            new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Decline, "No order for 30 days.", "inactivity"),
            LifecycleRules.Due(state, T0.AddDays(30), Options));
    }

    [Fact]
    public void Due_OtherDeclineAfterDays_NamesThemInTheReason()
    {
        var options = new LifecycleRuleOptions { DeclineAfterDays = 180 };

        var change = LifecycleRules.Due(InGrowthSince(T0), T0.AddDays(181), options);

        Assert.Equal("No order for 180 days.", change?.Reason);
    }

    private static Customers.CustomerState InGrowthSince(DateTimeOffset at) => new EventStream()
        .Add(at, Registered())
        .Add(at, new OrderPlaced("o-1", 10m, "EUR", []))
        .Add(at, new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
        .ToState();

    private static CustomerRegistered Registered() =>
        new(CustomerKind.Person, "Ada", "Lovelace", null, null, [], [], Attributes(), null);
}
