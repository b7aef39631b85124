using System.Text.Json;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

public sealed class CustomerStateSnapshotTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void FromSnapshot_OfEveryKindOfEventThroughJson_GivesTheSameView()
    {
        var stream = EveryKindOfEvent();
        var original = stream.ToState();

        var restored = CustomerState.FromSnapshot(CustomerSnapshotJson.Read(CustomerSnapshotJson.Create(original.ToSnapshot())));

        Assert.Equal(original.ToView(stream.CustomerId).ToJson(), restored.ToView(stream.CustomerId).ToJson());
        Assert.Equal(original.Version, restored.Version);
        Assert.Equal(JsonSerializer.Serialize(original.ToSnapshot(), CustomerEventJson.Options), JsonSerializer.Serialize(restored.ToSnapshot(), CustomerEventJson.Options));
    }

    [Fact]
    public void FromSnapshot_ThenNextEvents_BehavesLikeTheFullReplay()
    {
        var stream = EveryKindOfEvent();
        var restored = CustomerState.FromSnapshot(CustomerSnapshotJson.Read(CustomerSnapshotJson.Create(stream.ToState().ToSnapshot())));
        var next = stream.Envelopes.Count;
        stream
            .Add(T0.AddDays(9), new OrderCancelled("o-3", 7.5m, "USD", "Changed mind."))
            .Add(T0.AddDays(9), new CaseResolved("case-2", CaseKind.ServiceRequest, "Done.", null))
            .Add(T0.AddDays(9), new ProfileUpdated(null, null, null, null, null, null, Attributes(("segment", "null"))))
            .Add(T0.AddDays(10), new TagsChanged(["z-tag"], ["a-tag"]));

        foreach (var envelope in stream.Envelopes.Skip(next))
        {
            restored.Apply(envelope);
        }

        var replayed = stream.ToState();
        Assert.Equal(replayed.ToView(stream.CustomerId).ToJson(), restored.ToView(stream.CustomerId).ToJson());
        Assert.True(restored.HasCase("case-1"));
        Assert.True(restored.HasCase("case-2"));
        Assert.True(restored.HasInteraction("i-1"));
        Assert.True(restored.FindOrder("o-1")!.Cancelled);
        Assert.Equal(0m, restored.RevenueIn("USD"));
        Assert.Throws<InvalidOperationException>(() => restored.Apply(stream.Envelopes[^1]));
    }

    [Fact]
    public void Create_State_WritesStableCamelCaseJsonWithEnumsAsStrings()
    {
        var snapshot = CustomerSnapshotJson.Create(EveryKindOfEvent().ToState().ToSnapshot());

        Assert.Equal(CustomerSnapshotJson.SchemaVersion, snapshot.SchemaVersion);
        Assert.Equal(EveryKindOfEvent().Envelopes.Count, snapshot.Version);
        Assert.Contains("\"stage\":\"growth\"", snapshot.Data, StringComparison.Ordinal);
        Assert.Contains("\"resolvedCases\":[\"case-1\"]", snapshot.Data, StringComparison.Ordinal);
        Assert.Contains("\"idempotencyKeysComplete\":true", snapshot.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherSchemaVersion_IsRefused()
    {
        var snapshot = CustomerSnapshotJson.Create(EveryKindOfEvent().ToState().ToSnapshot());

        Assert.Throws<NotSupportedException>(() => CustomerSnapshotJson.Read(snapshot with { SchemaVersion = CustomerSnapshotJson.SchemaVersion + 1 }));
        Assert.Throws<JsonException>(() => CustomerSnapshotJson.Read(snapshot with { Version = snapshot.Version + 1 }));
    }

    [Fact]
    public void FromSnapshot_OfUnregisteredState_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CustomerState.FromSnapshot(new CustomerState().ToSnapshot()));
    }

    private static EventStream EveryKindOfEvent() => new EventStream("snap-1")
        .Add(T0, new CustomerRegistered(
            CustomerKind.Person, "Ada", "Lovelace", null, "Engines Ltd", ["ada@example.com", "a@example.org"], ["+44 1234"],
            Attributes(("segment", "\"silver\""), ("birthday", "\"1815-12-10\""), ("score", "{\"a\":[1,2.50,null]}")), "test"))
        .Add(T0.AddHours(1), new ProfileUpdated(null, "King", null, null, null, null, Attributes(("birthday", "null"), ("points", "7"))))
        .Add(T0.AddDays(1), new InteractionRecorded("i-1", "email", InteractionDirection.Inbound, "Hi", null))
        .Add(T0.AddDays(1).AddTicks(7), new InteractionRecorded("i-2", "phone", InteractionDirection.Outbound, null, null))
        .Add(T0.AddDays(2), new OrderPlaced("o-1", 25m, "EUR", [new OrderLine("S", null, 1m, 25m)]))
        .Add(T0.AddDays(2), new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", "first-order"), actor: "system:lifecycle-rules")
        .Add(T0.AddDays(3), new OrderPlaced("o-2", 40.10m, "EUR", []))
        .Add(T0.AddDays(3), new OrderPlaced("o-3", 7.5m, "USD", []))
        .Add(T0.AddDays(3), new OrderCancelled("o-1", 25m, "EUR", "Returned."))
        .Add(T0.AddDays(4), new CaseOpened("case-1", CaseKind.Complaint, CasePriority.High, "Broken", null))
        .Add(T0.AddDays(4), new CaseOpened("case-2", CaseKind.ServiceRequest, CasePriority.Low, "Move", "New address."))
        .Add(T0.AddDays(4), new CaseResolved("case-1", CaseKind.Complaint, "Replaced.", 5))
        .Add(T0.AddDays(5), new ConsentChanged("sms", ConsentStatus.Withdrawn, "replied STOP"))
        .Add(T0.AddDays(5), new ConsentChanged("email", ConsentStatus.Granted, "web form"))
        .Add(T0.AddDays(5), new TagsChanged(["b-tag", "a-tag", "c-tag"], []))
        .Add(T0.AddDays(6), new TagsChanged([], ["c-tag"]))
        .Add(T0.AddDays(6), new InsightUpdated("value-tier", null, "VIP", "analytics"))
        .Add(T0.AddDays(6), new InsightUpdated("churn-risk", 0.125, null, "analytics:churn"))
        .Add(T0.AddDays(6), new OwnerAssigned("agent:grace", null));
}
