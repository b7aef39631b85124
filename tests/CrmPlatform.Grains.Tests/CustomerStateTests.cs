using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

public sealed class CustomerStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_SameStreamToTwoStates_GivesTheSameView()
    {
        var stream = OneOfEverything();

        var first = stream.ToState().ToView(stream.CustomerId);
        var second = stream.ToState().ToView(stream.CustomerId);

        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public void Apply_StreamReadBackFromStableJson_GivesTheSameView()
    {
        var stream = OneOfEverything();
        var copy = new CustomerState();
        foreach (var envelope in stream.Envelopes)
        {
            copy.Apply(envelope with { Event = CustomerEventJson.Deserialize(envelope.Type, CustomerEventJson.Serialize(envelope.Event)) });
        }

        Assert.Equal(stream.ToState().ToView(stream.CustomerId).ToJson(), copy.ToView(stream.CustomerId).ToJson());
    }

    [Fact]
    public void ToView_OneOfEverything_SummarisesTheStream()
    {
        var view = OneOfEverything().ToState().ToView("c-1");

        Assert.Equal(14, view.Version);
        Assert.Equal("Ada King", view.DisplayName);
        Assert.Equal(["ada@example.com"], view.Emails);
        Assert.Equal(["segment"], view.Attributes.Keys);
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal(1, view.OrderCount);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 40m }, view.Revenue);
        Assert.Equal(T0.AddDays(2), view.FirstOrderAt);
        Assert.Equal(T0.AddDays(3), view.LastOrderAt);
        Assert.Equal(1, view.InteractionCount);
        Assert.Equal(T0.AddDays(1), view.LastInteractionAt);
        Assert.Empty(view.OpenCases);
        Assert.Equal(new Dictionary<CaseKind, int> { [CaseKind.Complaint] = 1 }, view.CaseCounts);
        Assert.Equal(new ConsentView(ConsentStatus.Withdrawn, "replied STOP", T0.AddDays(5)), view.Consent["sms"]);
        Assert.Equal(["a-tag", "b-tag"], view.Tags);
        Assert.Equal("agent:grace", view.Owner);
        Assert.Equal(new InsightView(null, "VIP", "analytics", T0.AddDays(6)), view.Insights["value-tier"]);
        Assert.Equal(T0, view.RegisteredAt);
        Assert.Equal(T0.AddDays(6), view.UpdatedAt);
    }

    [Fact]
    public void Apply_OrderCancelled_TakesTheOrderOutOfCountAndRevenue()
    {
        var state = new EventStream()
            .Add(T0, Registered())
            .Add(T0, new OrderPlaced("o-1", 30m, "EUR", []))
            .Add(T0, new OrderPlaced("o-2", 12.5m, "USD", []))
            .Add(T0, new OrderCancelled("o-2", 12.5m, "USD", null))
            .ToState();

        Assert.Equal(1, state.OrderCount);
        Assert.Equal(30m, state.RevenueIn("EUR"));
        Assert.Equal(0m, state.RevenueIn("USD"));
        Assert.True(state.FindOrder("o-2")!.Cancelled);
        Assert.Equal(["EUR"], state.ToView("c-1").Revenue.Keys);
    }

    [Fact]
    public void Apply_StageChanged_RecordsHistoryAndWhenTheStageWasEntered()
    {
        var state = new EventStream()
            .Add(T0, Registered())
            .Add(T0.AddDays(4), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Terminated, "Gone.", null), actor: "user:bob")
            .ToState();

        Assert.Equal(LifecycleStage.Terminated, state.Stage);
        Assert.Equal(T0.AddDays(4), state.StageEnteredAt);
        Assert.Equal(
            new StageChange(LifecycleStage.Prospect, LifecycleStage.Terminated, "Gone.", null, "user:bob", T0.AddDays(4)),
            Assert.Single(state.ToView("c-1").StageHistory));
    }

    [Fact]
    public void Apply_BackdatedOrder_KeepsTheEarliestFirstAndLatestLastOrder()
    {
        var state = new EventStream()
            .Add(T0, Registered())
            .Add(T0.AddDays(10), new OrderPlaced("o-1", 1m, "EUR", []))
            .Add(T0.AddDays(2), new OrderPlaced("o-0", 1m, "EUR", []))
            .ToState();

        Assert.Equal(T0.AddDays(2), state.FirstOrderAt);
        Assert.Equal(T0.AddDays(10), state.LastOrderAt);
    }

    [Fact]
    public void Apply_EventOutOfSequence_Throws()
    {
        var state = new CustomerState();
        var envelope = new EventEnvelope(Guid.NewGuid(), "c-1", 2, 2, T0, T0, "test", null, null, Registered());

        Assert.Throws<InvalidOperationException>(() => state.Apply(envelope));
        Assert.False(state.IsRegistered);
    }

    [Fact]
    public void IsRegistered_NewState_IsFalse()
    {
        Assert.False(new CustomerState().IsRegistered);
        Assert.Equal(0, new CustomerState().Version);
    }

    private static CustomerRegistered Registered() =>
        new(CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], [], Attributes(("segment", "\"silver\"")), "test");

    private static EventStream OneOfEverything() => new EventStream()
        .Add(T0, new CustomerRegistered(
            CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], ["+44 1234"],
            Attributes(("segment", "\"silver\""), ("birthday", "\"1815-12-10\"")), "test"))
        .Add(T0.AddHours(1), new ProfileUpdated(null, "King", null, null, null, null, Attributes(("birthday", "null"))))
        .Add(T0.AddDays(1), new InteractionRecorded("i-1", "email", InteractionDirection.Inbound, "Hi", null))
        .Add(T0.AddDays(2), new OrderPlaced("o-1", 25m, "EUR", [new OrderLine("S", null, 1m, 25m)]))
        .Add(T0.AddDays(2), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"))
        .Add(T0.AddDays(3), new OrderPlaced("o-2", 40m, "EUR", []))
        .Add(T0.AddDays(3), new OrderCancelled("o-1", 25m, "EUR", "Returned."))
        .Add(T0.AddDays(4), new CaseOpened("case-1", CaseKind.Complaint, CasePriority.High, "Broken", null))
        .Add(T0.AddDays(4), new CaseResolved("case-1", CaseKind.Complaint, "Replaced.", 5))
        .Add(T0.AddDays(5), new ConsentChanged("sms", ConsentStatus.Withdrawn, "replied STOP"))
        .Add(T0.AddDays(5), new TagsChanged(["b-tag", "a-tag", "c-tag"], []))
        .Add(T0.AddDays(6), new TagsChanged([], ["c-tag"]))
        .Add(T0.AddDays(6), new InsightUpdated("value-tier", null, "VIP", "analytics"))
        .Add(T0.AddDays(6), new OwnerAssigned("agent:grace", null));
}
