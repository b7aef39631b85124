using CrmPlatform.Host.Service;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Host.Tests.Service;

/// <summary>What the service read model must do on every backend: fold case streams, page and filter lists, count agents' loads, and keep the SLA due index.</summary>
public abstract class CaseStoreContractTests
{
    private static readonly DateTimeOffset At = new(2031, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private long _position;

    protected abstract Task<SqlDatabase> CreateDatabaseAsync();

    private EventEnvelope Event(string id, long sequence, ICustomerEvent e, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), "c-" + id, sequence, ++_position, at ?? At, at ?? At, "test", null, null, e) { StreamKind = StreamKinds.Case, StreamId = id };

    private EventEnvelope Opened(string id, string? queue, string? owner, CasePriority priority = CasePriority.Normal) =>
        Event(id, 1, new ServiceCaseOpened(id, CaseKind.Complaint, priority, "Subject " + id, null, "billing", ["b", "a"], queue, owner, null, null, null));

    private EventEnvelope Scheduled(string id, long sequence, int warnHours, int dueHours) =>
        Event(id, sequence, new CaseSlaScheduled("sla", [new CaseSlaDeadline(SlaMetric.FirstResponse, At.AddHours(warnHours), At.AddHours(dueHours))]));

    [Fact]
    public async Task ApplyAsync_CaseStreams_FoldIntoRowsListsAndLoads()
    {
        var store = new CaseStore(await CreateDatabaseAsync());
        var cancel = TestContext.Current.CancellationToken;
        EventEnvelope[] batch =
        [
            Opened("cs-a", "support", "ann"),
            Opened("cs-b", "support", "ann"),
            Opened("cs-c", "support", "bob"),
            Event("cs-c", 2, new CaseStatusChanged(CaseStatus.New, CaseStatus.Resolved, "Done.")),
            Opened("cs-d", "billing", "ann"),
            Event("cs-a", 2, new CaseStatusChanged(CaseStatus.New, CaseStatus.Pending, "Waiting.")),
            Event("cs-b", 2, new CaseAssigned("support", "cy")),
            Event("cs-d", 2, new CaseClassified(CasePriority.Urgent, "refunds", ["vip"])),
        ];

        await store.ApplyAsync(batch, 42, "test", cancel);
        await store.ApplyAsync(batch[..3], 42, "test", cancel);

        var a = (await store.FindAsync("cs-a", cancel))!;
        Assert.Equal((CaseStatus.Pending, "ann", "support", 2L, "c-cs-a"), (a.Status, a.Owner, a.Queue, a.Version, a.CustomerId));
        Assert.Equal(["b", "a"], a.Tags);
        var d = (await store.FindAsync("cs-d", cancel))!;
        Assert.Equal((CasePriority.Urgent, "refunds"), (d.Priority, d.Category));
        Assert.Equal(CaseStatus.Resolved, (await store.FindAsync("cs-c", cancel))!.Status);
        Assert.Equal(42, await store.GetCheckpointAsync("test", cancel));
        Assert.Equal(new Dictionary<string, int> { ["ann"] = 1, ["cy"] = 1 }, await store.LoadsAsync("support", cancel));
        var first = await store.ListAsync(new CaseListQuery(null, "support", null, null, null, null, 1), cancel);
        Assert.Equal("cs-a", Assert.Single(first.Items).Id);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(["cs-b", "cs-c"], (await store.ListAsync(new CaseListQuery(null, "support", null, null, null, "cs-a", 10), cancel)).Items.Select(r => r.Id));
        Assert.Equal(["cs-a"], (await store.ListAsync(new CaseListQuery(CaseStatus.Pending, null, null, null, null, null, 10), cancel)).Items.Select(r => r.Id));
        Assert.Equal(["cs-d"], (await store.ListAsync(new CaseListQuery(null, null, null, "c-cs-d", null, null, 10), cancel)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task DueAsync_TheDueIndex_FollowsWarningsBreachesMeetsAndPauses()
    {
        var store = new CaseStore(await CreateDatabaseAsync());
        var cancel = TestContext.Current.CancellationToken;
        await store.ApplyAsync(
            [
                Opened("cs-1", null, null), Scheduled("cs-1", 2, 3, 4),
                Opened("cs-2", null, null), Scheduled("cs-2", 2, 1, 2),
                Opened("cs-3", null, null), Scheduled("cs-3", 2, 1, 2),
                Event("cs-3", 3, new CaseStatusChanged(CaseStatus.New, CaseStatus.Pending, "Waiting.")),
                Opened("cs-4", null, null), Scheduled("cs-4", 2, 1, 2),
                Event("cs-4", 3, new CaseNoteAdded("n-1", "On it.", false)),
            ],
            10,
            "test",
            cancel);

        Assert.Empty(await store.DueAsync(At.AddMinutes(59), 10, cancel));
        Assert.Equal(["cs-2"], await store.DueAsync(At.AddHours(1), 10, cancel));
        Assert.Equal(["cs-2", "cs-1"], await store.DueAsync(At.AddHours(3), 10, cancel));

        await store.ApplyAsync([Event("cs-2", 3, new CaseSlaWarned(SlaMetric.FirstResponse, At.AddHours(2)))], 11, "test", cancel);
        Assert.Empty(await store.DueAsync(At.AddHours(1.5), 10, cancel));
        Assert.Equal(["cs-2"], await store.DueAsync(At.AddHours(2), 10, cancel));

        await store.ApplyAsync([Event("cs-2", 4, new CaseSlaBreached(SlaMetric.FirstResponse, At.AddHours(2)))], 12, "test", cancel);
        Assert.Equal(["cs-1"], await store.DueAsync(At.AddDays(30), 10, cancel));
        Assert.Equal(["cs-2"], (await store.ListAsync(new CaseListQuery(null, null, null, null, true, null, 10), cancel)).Items.Select(r => r.Id));
    }
}
