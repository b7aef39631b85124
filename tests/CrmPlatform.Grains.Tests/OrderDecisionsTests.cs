using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

public sealed class OrderDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Place_LinesWithoutAmount_TakesTheSumOfTheLines()
    {
        OrderLine[] lines = [new("SKU-1", null, 2m, 12.50m), new("SKU-2", "Bolt", 3m, 0.99m)];

        var decision = Decide(Registered(), OrderOfLines("o-1", null, lines));

        Assert.Null(decision.Refusal);
        Assert.Equal(Now, decision.OccurredAt);
        var placed = Assert.IsType<OrderPlaced>(decision.Events[0]);
        Assert.Equal(("o-1", 27.97m, "EUR"), (placed.OrderId, placed.Amount, placed.Currency));
        Assert.Equal(lines, placed.Lines);
    }

    [Theory]
    [InlineData("27.97")]
    [InlineData("27.975")]
    [InlineData("27.965")]
    public void Place_AmountWithinHalfACentOfTheLines_IsAccepted(string amount)
    {
        var decision = Decide(Registered(), OrderOfLines("o-1", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), new("S-1", null, 2m, 12.50m), new("S-2", null, 3m, 0.99m)));

        Assert.Null(decision.Refusal);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<OrderPlaced>(decision.Events[0]).Amount);
    }

    [Theory]
    [InlineData("27.976")]
    [InlineData("0")]
    public void Place_AmountOffTheLines_IsInvalidOnAmount(string amount)
    {
        var decision = Decide(Registered(), OrderOfLines("o-1", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), new("S-1", null, 2m, 12.50m), new("S-2", null, 3m, 0.99m)));

        AssertInvalid(decision, "amount");
    }

    [Fact]
    public void Place_NoAmountAndNoLines_IsInvalidOnAmount()
    {
        AssertInvalid(Decide(Registered(), new PlaceOrder("o-1", null, "EUR", null, null)), "amount");
    }

    [Fact]
    public void Place_NegativeAmount_IsInvalidOnAmount()
    {
        AssertInvalid(Decide(Registered(), Order("o-1", -0.01m)), "amount");
    }

    [Fact]
    public void Place_ZeroAmount_IsInvalidOnAmount()
    {
        // Five free orders used to promote a customer to Maturity.
        AssertInvalid(Decide(Registered(), Order("o-1", 0m)), "amount");
    }

    [Fact]
    public void Place_LinesThatSumToZero_IsInvalidOnAmount()
    {
        AssertInvalid(Decide(Registered(), OrderOfLines("o-1", null, new OrderLine("S-1", "Free sample", 1m, 0m))), "amount");
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    [InlineData("eur")]
    [InlineData("EURO")]
    public void Place_CurrencyNotInIso4217_IsInvalidOnCurrency(string currency)
    {
        AssertInvalid(Decide(Registered(), Order("o-1", 10m, currency: currency)), "currency");
    }

    [Theory]
    [InlineData("CNY")]
    [InlineData("JPY")]
    [InlineData("CHF")]
    public void Place_CurrencyInIso4217_IsAccepted(string currency)
    {
        Assert.Null(Decide(Registered(), Order("o-1", 10m, currency: currency)).Refusal);
    }

    [Fact]
    public void Place_PlacedInYearOne_IsInvalidOnPlacedAt()
    {
        AssertInvalid(Decide(Registered(), Order("o-1", 10m, placedAt: DateTimeOffset.MinValue)), "placedAt");
        Assert.Null(Decide(Registered(), Order("o-2", 10m, placedAt: new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero))).Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public void Place_BadOrderId_IsInvalidOnOrderId(string? orderId)
    {
        AssertInvalid(Decide(Registered(), new PlaceOrder(orderId, 10m, "EUR", null, null)), "orderId");
    }

    [Fact]
    public void Place_BadLines_NameEachBadField()
    {
        var decision = Decide(Registered(), OrderOfLines("o-1", null, new("S-1", null, 1m, 1m), new(" ", null, 0m, -1m)));

        Assert.Equal(
            ["lines[1].quantity", "lines[1].sku", "lines[1].unitPrice"],
            decision.Refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Place_PlacedAtMoreThanFiveMinutesAhead_IsInvalidOnPlacedAt()
    {
        AssertInvalid(Decide(Registered(), Order("o-1", 1m, placedAt: Now.AddMinutes(5).AddTicks(1))), "placedAt");
        Assert.Null(Decide(Registered(), Order("o-1", 1m, placedAt: Now.AddMinutes(5))).Refusal);
    }

    [Fact]
    public void Place_PlacedAtInThePast_HappenedThen()
    {
        var decision = Decide(Registered(), Order("o-1", 1m, placedAt: Now.AddDays(-3)));

        Assert.Equal(Now.AddDays(-3), decision.OccurredAt);
    }

    [Fact]
    public void Place_BaseCurrencyRevenueReachingTheThreshold_AddsMaturity()
    {
        var inGrowth = Registered()
            .Add(Now, new OrderPlaced("o-1", 990m, "EUR", []))
            .Add(Now, new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"));

        var decision = Decide(inGrowth, Order("o-2", 10m));

        Assert.Equal(2, decision.Events.Count);
        Assert.Equal(
            new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Maturity, "Reached 2 orders and 1000 revenue.", "maturity-threshold"),
            decision.Events[1]);
    }

    [Fact]
    public void Place_RevenueInAnotherCurrency_DoesNotReachTheThreshold()
    {
        var inGrowth = Registered()
            .Add(Now, new OrderPlaced("o-1", 990m, "EUR", []))
            .Add(Now, new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"));

        var decision = Decide(inGrowth, Order("o-2", 10_000m, currency: "USD"));

        Assert.IsType<OrderPlaced>(Assert.Single(decision.Events));
    }

    [Fact]
    public void Place_OrderIdAlreadyPlaced_IsConflictEvenWhenCancelled()
    {
        var stream = Registered()
            .Add(Now, new OrderPlaced("o-1", 10m, "EUR", []))
            .Add(Now, new OrderCancelled("o-1", 10m, "EUR", null));

        Assert.Equal(CommandStatus.Conflict, Decide(stream, Order("o-1", 10m)).Refusal?.Status);
    }

    [Fact]
    public void Cancel_PlacedOrder_TakesBackItsAmountInItsCurrency()
    {
        var stream = Registered().Add(Now, new OrderPlaced("o-1", 12.34m, "GBP", []));

        var decision = new OrderDecisions("c-1", stream.ToState(), Now, TestCustomerOptions.Create()).Cancel(new CancelOrder("o-1", "  Returned.  "));

        Assert.Equal([new OrderCancelled("o-1", 12.34m, "GBP", "Returned.")], decision.Events);
    }

    [Fact]
    public void Cancel_UnknownOrder_IsNotFound()
    {
        var decision = new OrderDecisions("c-1", Registered().ToState(), Now, TestCustomerOptions.Create()).Cancel(new CancelOrder("o-9", null));

        Assert.Equal(CommandStatus.NotFound, decision.Refusal?.Status);
    }

    [Fact]
    public void Place_OrderFromBeforeTheDecline_DoesNotWinTheCustomerBack()
    {
        var stream = Registered()
            .Add(Now.AddDays(-9), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
            .Add(Now.AddDays(-2), new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Decline, "No order for 30 days.", "inactivity"));

        var decision = Decide(stream, Order("o-old", 10m, placedAt: Now.AddDays(-5)));

        Assert.Null(decision.Refusal);
        Assert.Equal(Now.AddDays(-5), decision.OccurredAt);
        Assert.IsType<OrderPlaced>(Assert.Single(decision.Events));
    }

    [Fact]
    public void Place_OrderAfterTheDecline_WinsTheCustomerBack()
    {
        var stream = Registered()
            .Add(Now.AddDays(-9), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
            .Add(Now.AddDays(-2), new LifecycleStageChanged(LifecycleStage.Growth, LifecycleStage.Decline, "No order for 30 days.", "inactivity"));

        var decision = Decide(stream, Order("o-new", 10m, placedAt: Now.AddDays(-1)));

        var change = Assert.IsType<LifecycleStageChanged>(decision.Events[1]);
        Assert.Equal((LifecycleStage.Decline, LifecycleStage.Growth, "win-back-order"), (change.From, change.To, change.Rule));
    }

    [Fact]
    public void Cancel_NullOrderId_IsInvalidOnOrderId()
    {
        var decision = new OrderDecisions("c-1", Registered().ToState(), Now, TestCustomerOptions.Create()).Cancel(new CancelOrder(null!, null));

        Assert.Equal(CommandStatus.Invalid, decision.Refusal?.Status);
        Assert.True(decision.Refusal!.Errors!.ContainsKey("orderId"));
    }

    private static EventStream Registered() => new EventStream()
        .Add(Now.AddDays(-10), new CustomerRegistered(CustomerKind.Person, "Ada", null, null, null, [], [], Attributes(), null));

    private static Decision Decide(EventStream stream, PlaceOrder command) =>
        new OrderDecisions("c-1", stream.ToState(), Now, TestCustomerOptions.Create()).Place(command);

    private static void AssertInvalid(Decision decision, string field)
    {
        Assert.Empty(decision.Events);
        Assert.Equal(CommandStatus.Invalid, decision.Refusal?.Status);
        Assert.True(decision.Refusal!.Errors!.ContainsKey(field), $"Expected an error on '{field}', got: {string.Join(", ", decision.Refusal.Errors.Keys)}.");
    }
}
