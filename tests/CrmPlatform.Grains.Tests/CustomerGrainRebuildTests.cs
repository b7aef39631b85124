using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Customers;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainRebuildTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetAsync_AfterDeactivation_RebuildsAnEqualViewFromTheLog()
    {
        var id = await WriteOneOfEverythingAsync();
        var before = await fixture.ViewAsync(id);
        var reads = fixture.Log.StreamReadsOf(id);

        await fixture.DeactivateAsync(id);
        var after = await fixture.ViewAsync(id);

        Assert.Equal(reads + 1, fixture.Log.StreamReadsOf(id));
        Assert.Equal(before.ToJson(), after.ToJson());
        Assert.Equal(fixture.Log.StreamOf(id).Count, after.Version);
    }

    [Fact]
    public async Task GetAsync_AnyTime_EqualsTheStateAppliedFromTheLog()
    {
        var id = await WriteOneOfEverythingAsync();

        var state = new CustomerState();
        foreach (var envelope in fixture.Log.StreamOf(id))
        {
            state.Apply(envelope);
        }

        Assert.Equal(state.ToView(id).ToJson(), (await fixture.ViewAsync(id)).ToJson());
    }

    [Fact]
    public async Task ExecuteAsync_AfterDeactivation_ContinuesTheStreamWithoutGaps()
    {
        var id = await WriteOneOfEverythingAsync();
        var version = fixture.Log.StreamOf(id).Count;
        await fixture.DeactivateAsync(id);

        var result = await fixture.AcceptAsync(id, AddTags("after-restart"));

        Assert.Equal((version + 1, version + 1), (result.FirstSequence, result.LastSequence));
        Assert.Equal(Enumerable.Range(1, version + 1).Select(i => (long)i), fixture.Log.StreamOf(id).Select(e => e.Sequence));
        Assert.Contains("after-restart", (await fixture.ViewAsync(id)).Tags);
    }

    [Fact]
    public async Task GetAsync_OneOfEverything_ShowsWhatWasWritten()
    {
        var id = await WriteOneOfEverythingAsync();

        var view = await fixture.ViewAsync(id);

        Assert.Equal("Augusta Ada King", view.DisplayName);
        Assert.Equal("Analytical Engines", view.Company);
        Assert.Equal(["ada@example.com", "countess@example.org"], view.Emails);
        Assert.Equal(["loyaltyPoints", "segment"], view.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("gold", view.Attributes["segment"].GetString());
        Assert.Equal(LifecycleStage.Growth, view.Stage);
        Assert.Equal(
            [(LifecycleStage.Prospect, LifecycleStage.Acquisition, (string?)null), (LifecycleStage.Acquisition, LifecycleStage.Growth, "first-order")],
            view.StageHistory.Select(s => (s.From, s.To, s.Rule)));
        Assert.Equal(1, view.OrderCount);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 25m }, view.Revenue);
        Assert.Equal(2, view.InteractionCount);
        Assert.Equal("case-2", Assert.Single(view.OpenCases).CaseId);
        Assert.Equal(new Dictionary<CaseKind, int> { [CaseKind.Complaint] = 1, [CaseKind.ServiceRequest] = 1 }, view.CaseCounts);
        Assert.Equal(ConsentStatus.Granted, view.Consent["email"].Status);
        Assert.Equal(ConsentStatus.Withdrawn, view.Consent["sms"].Status);
        Assert.Equal(["newsletter", "vip"], view.Tags);
        Assert.Equal("agent:grace", view.Owner);
        Assert.Equal(0.25, view.Insights["churn-risk"].Value);
        Assert.Equal(fixture.Log.StreamOf(id)[^1].RecordedAt, view.UpdatedAt);
    }

    /// <summary>Writes every kind of event for a new customer, with the clock moving in between.</summary>
    private async Task<string> WriteOneOfEverythingAsync()
    {
        var id = fixture.NewCustomerId("rebuild");
        var step = TimeSpan.FromHours(1);
        await fixture.AcceptAsync(id, RegisterPerson(attributes: Attributes(("segment", "\"silver\""), ("birthday", "\"1815-12-10\""))));
        fixture.Clock.Advance(step);
        await fixture.AcceptAsync(id, new UpdateProfile(
            "Augusta Ada", "King", null, "Analytical Engines", ["ada@example.com", "countess@example.org"], null,
            Attributes(("segment", "\"gold\""), ("birthday", "null"), ("loyaltyPoints", "7"))));
        await fixture.AcceptAsync(id, Stage(LifecycleStage.Acquisition, "Asked for an offer."));
        fixture.Clock.Advance(step);
        await fixture.AcceptAsync(id, Interaction("call-1"));
        await fixture.AcceptAsync(id, new RecordInteraction(
            null, "phone", InteractionDirection.Outbound, null, null, fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(30)));
        await fixture.AcceptAsync(id, OrderOfLines("o-1", null, new OrderLine("SKU-1", "Gear", 2m, 12.5m)));
        fixture.Clock.Advance(step);
        await fixture.AcceptAsync(id, Order("o-2", 99m));
        await fixture.AcceptAsync(id, new CancelOrder("o-2", "Out of stock."));
        await fixture.AcceptAsync(id, new OpenCase("case-1", CaseKind.Complaint, CasePriority.High, "Late delivery", "Two weeks late."));
        fixture.Clock.Advance(step);
        await fixture.AcceptAsync(id, new OpenCase("case-2", CaseKind.ServiceRequest, CasePriority.Normal, "Change address", null));
        await fixture.AcceptAsync(id, new ResolveCase("case-1", "Refunded shipping.", 4));
        await fixture.AcceptAsync(id, new SetConsent("email", ConsentStatus.Granted, "web form"));
        await fixture.AcceptAsync(id, new SetConsent("sms", ConsentStatus.Withdrawn, "replied STOP"));
        await fixture.AcceptAsync(id, new ChangeTags(["vip", "trial", "newsletter"], null));
        await fixture.AcceptAsync(id, new ChangeTags(null, ["trial"]));
        await fixture.AcceptAsync(id, new AssignOwner("agent:grace"));
        fixture.Clock.Advance(step);
        await fixture.AcceptAsync(id, new SetInsight("churn-risk", 0.25, "low", "analytics:churn"));
        return id;
    }
}
