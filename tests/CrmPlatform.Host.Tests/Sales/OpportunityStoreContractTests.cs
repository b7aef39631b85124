using CrmPlatform.Host.Sales;
using CrmPlatform.Host.Storage;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Tests.Sales;

/// <summary>What the sales read model must do on every backend: fold opportunity streams, page lists, sum the forecast.</summary>
public abstract class OpportunityStoreContractTests
{
    private static readonly DateTimeOffset At = new(2031, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private long _position;

    protected abstract Task<SqlDatabase> CreateDatabaseAsync();

    private EventEnvelope Event(string id, long sequence, ICustomerEvent e) =>
        new(Guid.NewGuid(), "c-" + id, sequence, ++_position, At, At, "test", null, null, e) { StreamKind = StreamKinds.Opportunity, StreamId = id };

    private EventEnvelope Opened(string id, string owner, decimal amount, string closeDate, OpportunityStage stage = OpportunityStage.Proposal) =>
        Event(id, 1, new OpportunityOpened(id, "Deal " + id, amount, "EUR", DateOnly.Parse(closeDate, System.Globalization.CultureInfo.InvariantCulture), owner, stage, 50));

    [Fact]
    public async Task ApplyAsync_OpportunityStreams_FoldIntoRowsAndMoveTheCheckpoint()
    {
        var store = new OpportunityStore(await CreateDatabaseAsync());
        var cancel = TestContext.Current.CancellationToken;
        EventEnvelope[] batch =
        [
            Opened("op-a", "ann", 1_000m, "2031-02-10"),
            Opened("op-b", "bob", 300m, "2031-02-20"),
            Event("op-a", 2, new OpportunityStageMoved(OpportunityStage.Proposal, OpportunityStage.Negotiation, 80)),
            Opened("op-c", "ann", 500m, "2031-03-05"),
            Event("op-c", 2, new OpportunityLost(OpportunityStage.Proposal, "Price.")),
        ];

        await store.ApplyAsync(batch, 42, "test", cancel);
        await store.ApplyAsync(batch[..3], 42, "test", cancel);

        var a = await store.FindAsync("op-a", cancel);
        Assert.Equal((OpportunityStage.Negotiation, 80, 2L, "c-op-a"), (a!.Stage, a.Probability, a.Version, a.CustomerId));
        Assert.Equal(42, await store.GetCheckpointAsync("test", cancel));
        var ann = await store.ListAsync(new OpportunityListQuery(null, "ann", null, null, 1), cancel);
        Assert.Equal("op-a", Assert.Single(ann.Items).Id);
        var next = await store.ListAsync(new OpportunityListQuery(null, "ann", null, "op-a", 1), cancel);
        Assert.Equal("op-c", Assert.Single(next.Items).Id);
        Assert.Null(next.NextCursor);
        Assert.NotNull(ann.NextCursor);
        Assert.Equal(["op-c"], (await store.ListAsync(new OpportunityListQuery(OpportunityStage.Lost, null, null, null, 10), cancel)).Items.Select(r => r.Id));
        Assert.Equal(["op-b"], (await store.ListAsync(new OpportunityListQuery(null, null, "c-op-b", null, 10), cancel)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task ForecastAsync_OpenOpportunities_SumsAmountTimesProbabilityByMonthAndOwner()
    {
        var store = new OpportunityStore(await CreateDatabaseAsync());
        var cancel = TestContext.Current.CancellationToken;
        await store.ApplyAsync(
            [
                Opened("op-1", "ann", 1_000m, "2031-01-31"),
                Opened("op-2", "ann", 1_000m, "2031-02-01"),
                Event("op-2", 2, new OpportunityStageMoved(OpportunityStage.Proposal, OpportunityStage.Negotiation, 80)),
                Opened("op-3", "ann", 500m, "2031-02-28", OpportunityStage.Qualification),
                Opened("op-4", "bob", 200m, "2031-02-15"),
                Opened("op-5", "bob", 900m, "2031-02-15"),
                Event("op-5", 2, new OpportunityWon(OpportunityStage.Proposal, 900m, "EUR")),
                Opened("op-6", "bob", 100m, "2030-12-31"),
            ],
            100,
            "test",
            cancel);

        var forecast = await store.ForecastAsync(new DateTimeOffset(2031, 1, 15, 0, 0, 0, TimeSpan.Zero), cancel);

        Assert.Equal(
            [
                new ForecastLine("2031-01", "ann", "EUR", 500m, 1_000m, 1),
                new ForecastLine("2031-02", "ann", "EUR", 1_050m, 1_500m, 2),
                new ForecastLine("2031-02", "bob", "EUR", 100m, 200m, 1),
            ],
            forecast.Lines);
    }
}
