using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainSnapshotTests(ClusterFixture fixture)
{
    private const int Every = ClusterFixture.SnapshotEveryEvents;

    [Fact]
    public async Task ExecuteAsync_EveryNEvents_SavesASnapshotOfTheState()
    {
        var id = await fixture.RegisterAsync("snap");
        for (var i = 2; i < Every; i++)
        {
            await fixture.AcceptAsync(id, AddTags($"t-{i}"));
        }

        Assert.Null(fixture.Snapshots.Find(id));
        await fixture.AcceptAsync(id, AddTags("last"));

        var snapshot = fixture.Snapshots.Find(id)!;
        Assert.Equal((Every, CustomerSnapshotJson.SchemaVersion), (snapshot.Version, snapshot.SchemaVersion));
        var view = await fixture.ViewAsync(id);
        Assert.Equal(view.ToJson(), CustomerState.FromSnapshot(CustomerSnapshotJson.Read(snapshot)).ToView(id).ToJson());
        Assert.Equal(1, fixture.Snapshots.SavesOf(id));
    }

    [Fact]
    public async Task OnActivateAsync_CustomerWith10000Events_ReplaysOnlyTheEventsAfterTheSnapshot()
    {
        var id = fixture.NewCustomerId("snap-big");
        var stream = new EventStream(id).Add(fixture.Clock.GetUtcNow(), Registered());
        for (var i = 2; i <= 10_000; i++)
        {
            stream.Add(fixture.Clock.GetUtcNow().AddSeconds(i), ManyKinds(i));
        }

        await fixture.Log.AppendAsync(id, 0, stream.Envelopes);
        await fixture.AcceptAsync(id, AddTags("first-after-import"));
        Assert.Equal(10_001, fixture.Snapshots.Find(id)!.Version);
        await fixture.AcceptAsync(id, Interaction("tail-1"));
        await fixture.AcceptAsync(id, Order("tail-order", 12.5m, "USD"));
        await fixture.AcceptAsync(id, AddTags("tail-tag"));
        var before = await fixture.ViewAsync(id);
        var tail = before.Version - 10_001;
        await fixture.DeactivateAsync(id);
        var (reads, fullReads) = (fixture.Reads.EnvelopesReadOf(id), fixture.Log.StreamReadsOf(id));

        var after = await fixture.ViewAsync(id);

        Assert.Equal(fullReads, fixture.Log.StreamReadsOf(id));
        Assert.InRange(tail, 3, Every - 1);
        Assert.Equal(tail, fixture.Reads.EnvelopesReadOf(id) - reads);
        Assert.Equal(before.ToJson(), after.ToJson());
        var next = await fixture.AcceptAsync(id, AddTags("after-restart"));
        Assert.Equal(before.Version + 1, next.FirstSequence);
    }

    [Fact]
    public async Task ExecuteAsync_KeyOlderThanTheSnapshotKept_IsReplayedAfterReactivation()
    {
        const int keyed = CustomerGrain.SnapshotIdempotencyKeys + 100;
        var id = fixture.NewCustomerId("snap-keys");
        var at = fixture.Clock.GetUtcNow();
        var stream = new EventStream(id).Add(at, Registered(), idempotencyKey: "k-register");
        for (var i = 0; i < keyed; i++)
        {
            stream.Add(at, new InteractionRecorded($"i-{i}", "email", InteractionDirection.Inbound, null, null), idempotencyKey: $"k-{i}");
        }

        await fixture.Log.AppendAsync(id, 0, stream.Envelopes);
        var placed = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");
        var kept = CustomerSnapshotJson.Read(fixture.Snapshots.Find(id)!);
        Assert.Equal((keyed + 3L, CustomerGrain.SnapshotIdempotencyKeys, false), (kept.Version, kept.IdempotencyKeys.Count, kept.IdempotencyKeysComplete));
        Assert.DoesNotContain(kept.IdempotencyKeys, k => k.Key is "k-register" or "k-0");
        Assert.Equal(new HandledIdempotencyKey("k-order", keyed + 2, keyed + 3), kept.IdempotencyKeys[^1]);
        await fixture.AcceptAsync(id, AddTags("tail"));
        await fixture.DeactivateAsync(id);
        var (writes, fullReads) = (fixture.Log.WriteCount, fixture.Log.StreamReadsOf(id));

        var recent = await fixture.SendAsync(id, Order("o-1", 10m), idempotencyKey: "k-order");
        var recentReads = fixture.Log.StreamReadsOf(id);
        var old = await fixture.SendAsync(id, Interaction("i-0"), idempotencyKey: "k-0");
        var register = await fixture.SendAsync(id, RegisterPerson(), idempotencyKey: "k-register");
        var fresh = await fixture.SendAsync(id, Interaction("new"), idempotencyKey: "k-new");

        Assert.Equal((CommandStatus.Replayed, placed.FirstSequence, placed.LastSequence), (recent.Status, recent.FirstSequence, recent.LastSequence));
        Assert.Equal(fullReads, recentReads);
        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 2, 2, null, null), old);
        Assert.Equal(new CommandResult(CommandStatus.Replayed, id, 1, 1, null, null), register);
        Assert.Equal(fullReads + 1, fixture.Log.StreamReadsOf(id));
        Assert.Equal((CommandStatus.Accepted, keyed + 5L), (fresh.Status, fresh.FirstSequence));
        Assert.Equal(writes + 1, fixture.Log.WriteCount);
    }

    [Fact]
    public async Task OnActivateAsync_SnapshotOfUnknownSchemaVersion_IsIgnored()
    {
        var id = await RegisterWithTagsAsync();
        var expected = await fixture.ViewAsync(id);
        await fixture.DeactivateAsync(id);
        fixture.Snapshots.Put(id, new CustomerSnapshot(3, CustomerSnapshotJson.SchemaVersion + 1, "{\"from\":\"the future\"}"));
        var fullReads = fixture.Log.StreamReadsOf(id);

        var view = await fixture.ViewAsync(id);

        Assert.Equal(fullReads + 1, fixture.Log.StreamReadsOf(id));
        Assert.Equal(expected.ToJson(), view.ToJson());
    }

    [Fact]
    public async Task OnActivateAsync_SnapshotAheadOfTheLog_IsIgnoredAndTheStreamContinues()
    {
        var id = await RegisterWithTagsAsync();
        var expected = await fixture.ViewAsync(id);
        await fixture.DeactivateAsync(id);
        var state = new EventStream(id).Add(fixture.Clock.GetUtcNow(), Registered()).ToState().ToSnapshot();
        fixture.Snapshots.Put(id, CustomerSnapshotJson.Create(state with { Version = 1_000, OrganisationName = "Ghost" }));
        var fullReads = fixture.Log.StreamReadsOf(id);

        var view = await fixture.ViewAsync(id);
        var next = await fixture.AcceptAsync(id, AddTags("next"));

        Assert.Equal(fullReads + 1, fixture.Log.StreamReadsOf(id));
        Assert.Equal(expected.ToJson(), view.ToJson());
        Assert.Equal(4, next.FirstSequence);
    }

    [Fact]
    public async Task OnActivateAsync_SnapshotWithUnreadableData_IsIgnored()
    {
        var id = await RegisterWithTagsAsync();
        var expected = await fixture.ViewAsync(id);
        await fixture.DeactivateAsync(id);
        fixture.Snapshots.Put(id, new CustomerSnapshot(2, CustomerSnapshotJson.SchemaVersion, "{not json"));

        var view = await fixture.ViewAsync(id);

        Assert.Equal(expected.ToJson(), view.ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_SnapshotSaveFails_AcceptsTheCommandAndTriesAgainLater()
    {
        var id = await fixture.RegisterAsync("snap-fail");
        fixture.Snapshots.FailSaves(id);
        for (var i = 2; i <= Every; i++)
        {
            await fixture.AcceptAsync(id, AddTags($"t-{i}"));
        }

        Assert.Equal(1, fixture.Snapshots.SavesOf(id));
        fixture.Snapshots.FailSaves(id, fail: false);
        await fixture.AcceptAsync(id, AddTags("one-more"));
        Assert.Equal(1, fixture.Snapshots.SavesOf(id));
        for (var i = 1; i < Every; i++)
        {
            await fixture.AcceptAsync(id, AddTags($"u-{i}"));
        }

        Assert.Equal(2, fixture.Snapshots.SavesOf(id));
        Assert.Equal(2 * Every, fixture.Snapshots.Find(id)!.Version);
    }

    private async Task<string> RegisterWithTagsAsync()
    {
        var id = await fixture.RegisterAsync("snap-ignored");
        await fixture.AcceptAsync(id, AddTags("a"));
        await fixture.AcceptAsync(id, AddTags("b"));
        return id;
    }

    private static CustomerRegistered Registered() =>
        new(CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], [], new Dictionary<string, JsonElement>(), "import");

    /// <summary>A mix of events that a long-lived customer collects.</summary>
    private static ICustomerEvent ManyKinds(int i) => (i % 5) switch
    {
        0 => new InteractionRecorded($"i-{i}", "email", InteractionDirection.Inbound, null, null),
        1 => new OrderPlaced($"o-{i}", 10m + (i % 7), "EUR", []),
        2 => new TagsChanged([$"t-{i % 13}"], [$"t-{(i + 5) % 13}"]),
        3 => new InsightUpdated($"score-{i % 3}", i / 100.0, null, "analytics"),
        _ => new ConsentChanged(i % 2 == 0 ? "email" : "sms", ConsentStatus.Granted, $"form {i}"),
    };
}
