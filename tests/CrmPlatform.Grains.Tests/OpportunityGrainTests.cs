using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class OpportunityGrainTests(ClusterFixture fixture)
{
    private static readonly DateOnly CloseDate = new(2025, 3, 31);

    private static OpenOpportunity Open(string customerId) =>
        new(customerId, "Fleet renewal", 12_000m, "EUR", CloseDate, "agent:grace", null, null);

    [Fact]
    public async Task ExecuteAsync_OpenMoveLoseReopenWin_FoldsAndSurvivesReactivation()
    {
        var customerId = await fixture.RegisterAsync("opp");
        var id = fixture.NewCustomerId("op");
        var grain = fixture.Grains.GetGrain<IOpportunityGrain>(id);

        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(Open(customerId), Context("k-open"))).Status);
        Assert.Equal(CommandStatus.Replayed, (await grain.ExecuteAsync(Open(customerId), Context("k-open"))).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(new MoveOpportunityStage(OpportunityStage.Proposal, null), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(new LoseOpportunity("Price."), Context())).Status);
        Assert.Equal(CommandStatus.Accepted, (await grain.ExecuteAsync(new ReopenOpportunity(), Context())).Status);
        await fixture.Cluster.DeactivateAsync(grain);

        var result = await grain.ExecuteAsync(new WinOpportunity(), Context());
        var view = await grain.GetAsync();

        Assert.Equal(new CommandResult(CommandStatus.Accepted, id, 5, 5, null, null), result);
        Assert.Equal(OpportunityStage.Won, view!.Stage);
        Assert.Equal(100, view.Probability);
        Assert.Equal(customerId, view.CustomerId);
        Assert.Equal(fixture.Clock.GetUtcNow(), view.ClosedAt);
        Assert.Equal(5, fixture.Log.StreamOf(StreamKey.OwnedBy(StreamKinds.Opportunity, id, customerId)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_OpenForUnknownCustomer_IsNotFoundAndWritesNothing()
    {
        var id = fixture.NewCustomerId("op");
        var grain = fixture.Grains.GetGrain<IOpportunityGrain>(id);

        var result = await grain.ExecuteAsync(Open("c-nobody"), Context());

        Assert.Equal(CommandStatus.NotFound, result.Status);
        Assert.Null(await grain.GetAsync());
        Assert.Empty(fixture.Log.StreamOf(StreamKey.OwnedBy(StreamKinds.Opportunity, id, "c-nobody")));
    }

    [Fact]
    public async Task ExecuteAsync_OpportunityEvents_LandInTheCustomersPartitionInOrderWithTheCustomersOwn()
    {
        var customerId = await fixture.RegisterAsync("opp");
        var id = fixture.NewCustomerId("op");
        var grain = fixture.Grains.GetGrain<IOpportunityGrain>(id);
        await grain.ExecuteAsync(Open(customerId), Context());
        await fixture.SendAsync(customerId, AddTags("prospect"));
        await grain.ExecuteAsync(new MoveOpportunityStage(OpportunityStage.Qualification, null), Context());

        var partition = ((IEventLog)fixture.Log).PartitionOf(customerId);
        var ofCustomer = (await fixture.Log.ReadAllAsync(partition, 0, 100_000, TestContext.Current.CancellationToken))
            .Where(e => e.CustomerId == customerId)
            .Select(e => (e.StreamKind, e.Type))
            .ToArray();

        Assert.Equal(
            [
                (StreamKinds.Customer, "crm.customer.registered.v1"),
                (StreamKinds.Opportunity, "crm.opportunity.opened.v1"),
                (StreamKinds.Customer, "crm.customer.tags-changed.v1"),
                (StreamKinds.Opportunity, "crm.opportunity.stage-moved.v1"),
            ],
            ofCustomer);
    }
}
