using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Sales;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Tests;

public sealed class OpportunityDeciderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly CloseDate = new(2025, 3, 31);

    private static OpenOpportunity Open(OpportunityStage? stage = null, string? currency = "EUR", decimal? amount = 1_000m) =>
        new("c-1", "Fleet renewal", amount, currency, CloseDate, "agent:grace", stage, null);

    private static OpportunityState Fold(params ICustomerEvent[] events)
    {
        var state = new OpportunityState();
        for (var i = 0; i < events.Length; i++)
        {
            state.Apply(new EventEnvelope(Guid.NewGuid(), "c-1", i + 1, i + 1, Now, Now, "test", null, null, events[i])
            {
                StreamKind = StreamKinds.Opportunity,
                StreamId = "op-1",
            });
        }

        return state;
    }

    private static OpportunityState OpenIn(OpportunityStage stage) =>
        Fold(new OpportunityOpened("op-1", "Fleet renewal", 1_000m, "EUR", CloseDate, "agent:grace", stage, OpportunityPipeline.DefaultProbability(stage)));

    private static Decision Decide(OpportunityState state, OpportunityCommand command) => new OpportunityDecider("op-1", state, Now).Decide(command);

    [Fact]
    public void Decide_OpenWithoutStage_OpensInProspectingAtItsDefaultProbability()
    {
        var decision = Decide(new OpportunityState(), Open());

        Assert.Null(decision.Refusal);
        var opened = Assert.IsType<OpportunityOpened>(Assert.Single(decision.Events));
        Assert.Equal(OpportunityStage.Prospecting, opened.Stage);
        Assert.Equal(10, opened.Probability);
        Assert.Equal("op-1", opened.OpportunityId);
    }

    [Theory]
    [InlineData("eur", "currency")]
    [InlineData(null, "currency")]
    public void Decide_OpenWithBadCurrency_IsInvalidNamingTheField(string? currency, string field)
    {
        var decision = Decide(new OpportunityState(), Open(currency: currency));

        Assert.Equal(CommandStatus.Invalid, decision.Refusal?.Status);
        Assert.Contains(field, decision.Refusal!.Errors!.Keys);
    }

    [Fact]
    public void Decide_OpenWithNegativeAmountInAClosedStage_NamesBothFields()
    {
        var decision = Decide(new OpportunityState(), Open(OpportunityStage.Won, amount: -1m));

        Assert.Equal(["amount", "stage"], decision.Refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(OpportunityStage.Prospecting, OpportunityStage.Qualification, 20)]
    [InlineData(OpportunityStage.Qualification, OpportunityStage.Proposal, 50)]
    [InlineData(OpportunityStage.Proposal, OpportunityStage.Negotiation, 80)]
    [InlineData(OpportunityStage.Negotiation, OpportunityStage.Proposal, 50)]
    public void Decide_MoveBetweenOpenStages_MovesAtTheStageProbability(OpportunityStage from, OpportunityStage to, int probability)
    {
        var decision = Decide(OpenIn(from), new MoveOpportunityStage(to, null));

        Assert.Equal(new OpportunityStageMoved(from, to, probability), Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData(OpportunityStage.Won)]
    [InlineData(OpportunityStage.Lost)]
    public void Decide_MoveToAClosedStage_IsInvalidNamingStage(OpportunityStage to)
    {
        var decision = Decide(OpenIn(OpportunityStage.Proposal), new MoveOpportunityStage(to, null));

        Assert.Equal("stage", Assert.Single(decision.Refusal!.Errors!).Key);
    }

    [Fact]
    public void Decide_MoveToTheSameStage_WritesNothing()
    {
        var decision = Decide(OpenIn(OpportunityStage.Proposal), new MoveOpportunityStage(OpportunityStage.Proposal, null));

        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_MoveAWonOpportunity_IsAConflict()
    {
        var won = Fold(
            new OpportunityOpened("op-1", "Deal", 1_000m, "EUR", CloseDate, "agent:grace", OpportunityStage.Negotiation, 80),
            new OpportunityWon(OpportunityStage.Negotiation, 1_000m, "EUR"));

        Assert.Equal(CommandStatus.Conflict, Decide(won, new MoveOpportunityStage(OpportunityStage.Proposal, null)).Refusal?.Status);
        Assert.Equal(CommandStatus.Conflict, Decide(won, new ReopenOpportunity()).Refusal?.Status);
        Assert.Equal(CommandStatus.Conflict, Decide(won, new LoseOpportunity("Late.")).Refusal?.Status);
    }

    [Fact]
    public void Decide_LoseWithoutReason_IsInvalidNamingReason()
    {
        var decision = Decide(OpenIn(OpportunityStage.Proposal), new LoseOpportunity(" "));

        Assert.Equal("reason", Assert.Single(decision.Refusal!.Errors!).Key);
    }

    [Fact]
    public void Decide_ReopenALostOpportunity_ReturnsToTheStageItWasLostFrom()
    {
        var lost = Fold(
            new OpportunityOpened("op-1", "Deal", 1_000m, "EUR", CloseDate, "agent:grace", OpportunityStage.Proposal, 50),
            new OpportunityLost(OpportunityStage.Proposal, "Price."));

        var decision = Decide(lost, new ReopenOpportunity());

        Assert.Equal(new OpportunityReopened(OpportunityStage.Proposal, 50), Assert.Single(decision.Events));
    }

    [Fact]
    public void Decide_ChangeTermsWithNothing_IsInvalidNamingAmount()
    {
        var decision = Decide(OpenIn(OpportunityStage.Proposal), new ChangeOpportunityTerms(null, null, null));

        Assert.Equal("amount", Assert.Single(decision.Refusal!.Errors!).Key);
    }

    [Fact]
    public void Decide_ChangeAmountOnly_KeepsCurrencyAndCloseDate()
    {
        var decision = Decide(OpenIn(OpportunityStage.Proposal), new ChangeOpportunityTerms(2_500m, null, null));

        Assert.Equal(new OpportunityTermsChanged(2_500m, "EUR", CloseDate), Assert.Single(decision.Events));
    }

    [Fact]
    public void Decide_CommandOnAnUnknownOpportunity_IsNotFound()
    {
        Assert.Equal(CommandStatus.NotFound, Decide(new OpportunityState(), new WinOpportunity()).Refusal?.Status);
    }
}
