using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Service;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Grains.Service;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Service;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CaseGrainTests(ClusterFixture fixture)
{
    private static readonly BusinessCalendar Weekdays = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => new WorkingHours(TimeSpan.FromHours(9), TimeSpan.FromHours(17))),
        [new DateOnly(2025, 12, 25), new DateOnly(2026, 1, 1)]);

    private static readonly SlaPlan UrgentPlan = new(
        "sla-urgent",
        Weekdays,
        new Dictionary<SlaMetric, TimeSpan> { [SlaMetric.FirstResponse] = TimeSpan.FromHours(4), [SlaMetric.Resolution] = TimeSpan.FromHours(16) },
        0.75);

    private static OpenServiceCase Open(string customerId, CasePriority priority = CasePriority.Normal, string? queue = null) =>
        new(customerId, CaseKind.Complaint, priority, "Broken kettle", "It leaks.", "hardware", ["kettle"], queue, null, null, "o-1", "p-kettle");

    private static ChangeCaseStatus To(CaseStatus status, string? reason = null) => new(status, reason);

    private async Task<(string CustomerId, string CaseId, ICaseGrain Grain)> OpenAsync(CasePriority priority = CasePriority.Normal, string? queue = null)
    {
        var customerId = await fixture.RegisterAsync("svc");
        var id = fixture.NewCustomerId("case");
        var grain = fixture.Grains.GetGrain<ICaseGrain>(id);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(Open(customerId, priority, queue), Context())).Status);
        return (customerId, id, grain);
    }

    [Fact]
    public async Task ExecuteAsync_EveryStatusMove_FoldsRecordsHistoryAndKeepsTheCustomerSummary()
    {
        var (customerId, id, grain) = await OpenAsync();
        Assert.Contains(id, (await fixture.ViewAsync(customerId)).OpenCases.Select(c => c.CaseId));

        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Open), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Pending, "Waiting for a photo."), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Open), Context())).Status);
        Assert.Equal(CommandStatus.Unchanged, (await grain.ExecuteAsync(To(CaseStatus.Open), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(new AddCaseNote("Replaced under warranty.", Internal: true), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Resolved, "Sent a new kettle."), Context("k-resolve"))).Status);
        Assert.Equal(CommandStatus.Replayed, (await grain.ExecuteAsync(To(CaseStatus.Resolved, "Sent a new kettle."), Context("k-resolve"))).Status);
        Assert.DoesNotContain(id, (await fixture.ViewAsync(customerId)).OpenCases.Select(c => c.CaseId));

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Closed), Context())).Status);
        var view = (await grain.GetAsync())!;

        Assert.Equal(CaseStatus.Closed, view.Status);
        Assert.Equal(customerId, view.CustomerId);
        Assert.Equal(["kettle"], view.Tags);
        Assert.Equal("p-kettle", view.ProductId);
        Assert.Equal(fixture.Clock.GetUtcNow(), view.ClosedAt);
        Assert.Single(view.Notes, n => n.Internal && n.Author == Actor);
        Assert.Null(view.FirstRespondedAt);
        Assert.Equal(
            ["crm.case.opened.v1", "crm.case.status-changed.v1", "crm.case.status-changed.v1", "crm.case.status-changed.v1", "crm.case.note-added.v1", "crm.case.status-changed.v1", "crm.case.status-changed.v1"],
            view.History.Select(h => h.Change));
        Assert.All(view.History, h => Assert.Equal(Actor, h.Actor));
        Assert.Equal(7, fixture.Log.StreamOf(StreamKey.OwnedBy(StreamKinds.Case, id, customerId)).Count);
        Assert.Equal(CommandStatus.Conflict, (await grain.ExecuteAsync(To(CaseStatus.Open), Context())).Status);
    }

    [Fact]
    public async Task ExecuteAsync_ForbiddenMovesAndBadInput_AreRefusedAndWriteNothing()
    {
        var (customerId, id, grain) = await OpenAsync();

        Assert.Equal(CommandStatus.Conflict, (await grain.ExecuteAsync(To(CaseStatus.Closed), Context())).Status);
        var invalid = await grain.ExecuteAsync(To(CaseStatus.Resolved), Context());
        Assert.Equal(CommandStatus.Invalid, invalid.Status);
        Assert.Contains("reason", invalid.Errors!.Keys);
        Assert.Equal(CommandStatus.Invalid, (await grain.ExecuteAsync(new ChangeCaseStatus((CaseStatus)42, null), Context())).Status);
        Assert.Equal(CommandStatus.NotFound, (await fixture.Grains.GetGrain<ICaseGrain>(fixture.NewCustomerId("case")).ExecuteAsync(To(CaseStatus.Open), Context())).Status);
        Assert.Equal(CommandStatus.NotFound, (await fixture.Grains.GetGrain<ICaseGrain>(fixture.NewCustomerId("case")).ExecuteAsync(Open("c-nobody"), Context())).Status);

        Assert.Single(fixture.Log.StreamOf(StreamKey.OwnedBy(StreamKinds.Case, id, customerId)));
    }

    [Fact]
    public async Task ExecuteAsync_ReopenWithinTheWindow_OpensAgainInTheCaseAndTheSummary_AfterItIsRefused()
    {
        var (customerId, id, grain) = await OpenAsync();
        await grain.ExecuteAsync(To(CaseStatus.Resolved, "Fixed."), Context());
        fixture.Clock.Advance(TimeSpan.FromDays(6));

        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Open, "Still leaks."), Context())).Status);
        Assert.Contains(id, (await fixture.ViewAsync(customerId)).OpenCases.Select(c => c.CaseId));
        await grain.ExecuteAsync(To(CaseStatus.Resolved, "Replaced."), Context());
        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var late = await grain.ExecuteAsync(To(CaseStatus.Open, "Leaks again."), Context());

        Assert.Equal(CommandStatus.Conflict, late.Status);
        Assert.Contains("can only be closed", late.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(id, (await fixture.ViewAsync(customerId)).OpenCases.Select(c => c.CaseId));
    }

    [Fact]
    public async Task CheckSlaAsync_DeactivatedCase_WarnsAndBreachesAtTheBusinessHourInstantsOnce()
    {
        fixture.SlaPolicies.Set(CasePriority.Urgent, UrgentPlan);
        var (_, _, grain) = await OpenAsync(CasePriority.Urgent);
        var view = (await grain.GetAsync())!;
        var opened = view.OpenedAt;
        var first = Assert.Single(view.Sla, s => s.Metric == SlaMetric.FirstResponse);
        Assert.Equal(Weekdays.Add(opened, TimeSpan.FromHours(3)), first.WarnAt);
        Assert.Equal(Weekdays.Add(opened, TimeSpan.FromHours(4)), first.DueAt);
        Assert.Equal("sla-urgent", view.SlaPolicyId);

        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Clock.SetUtcNow(first.WarnAt - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await grain.CheckSlaAsync());
        fixture.Clock.SetUtcNow(first.WarnAt);
        Assert.Equal(1, await grain.CheckSlaAsync());
        Assert.Equal(0, await grain.CheckSlaAsync());

        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Clock.SetUtcNow(first.DueAt);
        Assert.Equal(1, await grain.CheckSlaAsync());
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(0, await grain.CheckSlaAsync());

        var after = Assert.Single((await grain.GetAsync())!.Sla, s => s.Metric == SlaMetric.FirstResponse);
        Assert.True(after.Warned);
        Assert.True(after.Breached);
        Assert.Equal(1, (await grain.GetAsync())!.History.Count(h => h.Change == "crm.case.sla-breached.v1" && h.Actor == CaseGrain.SystemActor));
    }

    [Fact]
    public async Task CheckSlaAsync_PublicCommentInTime_MeetsTheFirstResponseTargetAndNothingFires()
    {
        fixture.SlaPolicies.Set(CasePriority.Urgent, UrgentPlan);
        var (_, _, grain) = await OpenAsync(CasePriority.Urgent);
        await grain.ExecuteAsync(new AddCaseNote("We are on it.", Internal: false), Context());
        var first = Assert.Single((await grain.GetAsync())!.Sla, s => s.Metric == SlaMetric.FirstResponse);

        fixture.Clock.SetUtcNow(first.DueAt + TimeSpan.FromMinutes(1));
        await grain.CheckSlaAsync();

        var after = (await grain.GetAsync())!;
        Assert.NotNull(after.FirstRespondedAt);
        Assert.Equal(after.FirstRespondedAt, Assert.Single(after.Sla, s => s.Metric == SlaMetric.FirstResponse).MetAt);
        Assert.False(Assert.Single(after.Sla, s => s.Metric == SlaMetric.FirstResponse).Breached);
    }

    [Fact]
    public async Task CheckSlaAsync_WhilePending_ClockPausesAndResumesWithWhatWasLeft()
    {
        fixture.SlaPolicies.Set(CasePriority.Urgent, UrgentPlan);
        var (_, _, grain) = await OpenAsync(CasePriority.Urgent);
        var resolution = Assert.Single((await grain.GetAsync())!.Sla, s => s.Metric == SlaMetric.Resolution);
        await grain.ExecuteAsync(new AddCaseNote("Please send a photo.", Internal: false), Context());
        await grain.ExecuteAsync(To(CaseStatus.Pending, "Waiting for a photo."), Context());
        var pausedAt = fixture.Clock.GetUtcNow();
        var left = Weekdays.Between(pausedAt, resolution.DueAt);

        fixture.Clock.SetUtcNow(resolution.DueAt + TimeSpan.FromDays(10));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(0, await grain.CheckSlaAsync());
        Assert.True(Assert.Single((await grain.GetAsync())!.Sla, s => s.Metric == SlaMetric.Resolution).Paused);

        var resumedAt = fixture.Clock.GetUtcNow();
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(To(CaseStatus.Open, "Photo received."), Context())).Status);
        var moved = Assert.Single((await grain.GetAsync())!.Sla, s => s.Metric == SlaMetric.Resolution);

        Assert.Equal(Weekdays.Add(resumedAt, left), moved.DueAt);
        Assert.False(moved.Paused);
        Assert.Equal(0, await grain.CheckSlaAsync());
        fixture.Clock.SetUtcNow(moved.DueAt);
        Assert.Equal(1, await grain.CheckSlaAsync());
    }

    [Fact]
    public async Task ExecuteAsync_PriorityChange_ReschedulesUnderTheNewPolicy_CountingTheBusinessTimeUsedLessPauses()
    {
        var lowPlan = new SlaPlan(
            "sla-low",
            Weekdays,
            new Dictionary<SlaMetric, TimeSpan> { [SlaMetric.FirstResponse] = TimeSpan.FromHours(8), [SlaMetric.Resolution] = TimeSpan.FromHours(40) },
            0.75);
        fixture.SlaPolicies.Set(CasePriority.Urgent, UrgentPlan);
        fixture.SlaPolicies.Set(CasePriority.Low, lowPlan);
        var (_, _, grain) = await OpenAsync(CasePriority.Urgent);
        var opened = (await grain.GetAsync())!.OpenedAt;

        // One business hour runs, two stand still while pending, one more runs: two are used.
        fixture.Clock.SetUtcNow(Weekdays.Add(opened, TimeSpan.FromHours(1)));
        await grain.ExecuteAsync(To(CaseStatus.Pending, "Waiting for a photo."), Context());
        fixture.Clock.SetUtcNow(Weekdays.Add(fixture.Clock.GetUtcNow(), TimeSpan.FromHours(2)));
        await grain.ExecuteAsync(To(CaseStatus.Open), Context());
        fixture.Clock.SetUtcNow(Weekdays.Add(fixture.Clock.GetUtcNow(), TimeSpan.FromHours(1)));
        var changedAt = fixture.Clock.GetUtcNow();
        var unchanged = await grain.ExecuteAsync(new ClassifyCase(CasePriority.Urgent, null, null), Context());
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(new ClassifyCase(CasePriority.Low, null, null), Context())).Status);

        var view = (await grain.GetAsync())!;
        Assert.Equal(CommandStatus.Unchanged, unchanged.Status);
        Assert.Equal("sla-low", view.SlaPolicyId);
        var first = Assert.Single(view.Sla, s => s.Metric == SlaMetric.FirstResponse);
        Assert.Equal(Weekdays.Add(changedAt, TimeSpan.FromHours(4)), first.WarnAt);
        Assert.Equal(Weekdays.Add(changedAt, TimeSpan.FromHours(6)), first.DueAt);
        var resolution = Assert.Single(view.Sla, s => s.Metric == SlaMetric.Resolution);
        Assert.Equal(Weekdays.Add(changedAt, TimeSpan.FromHours(28)), resolution.WarnAt);
        Assert.Equal(Weekdays.Add(changedAt, TimeSpan.FromHours(38)), resolution.DueAt);
        Assert.Equal("crm.case.sla-scheduled.v1", view.History[^1].Change);
    }

    [Fact]
    public async Task ExecuteAsync_OpenInARoundRobinQueue_AssignsTheMembersInTurnAndReleasesOnResolve()
    {
        var queue = fixture.NewCustomerId("queue");
        fixture.Queues.Set(new QueueDefinition(queue, "Support", ["ada", "bob"], AssignmentStrategy.LeastLoaded, 1));
        var (_, _, one) = await OpenAsync(queue: queue);
        var (_, _, two) = await OpenAsync(queue: queue);
        var (_, _, three) = await OpenAsync(queue: queue);

        Assert.Equal("ada", (await one.GetAsync())!.Owner);
        Assert.Equal("bob", (await two.GetAsync())!.Owner);
        Assert.Null((await three.GetAsync())!.Owner);

        await one.ExecuteAsync(To(CaseStatus.Resolved, "Done."), Context());
        Assert.Equal(CommandStatus.Accepted, (await three.ExecuteAsync(new AssignCase(queue, null), Context())).Status);

        Assert.Equal("ada", (await three.GetAsync())!.Owner);
    }
}
