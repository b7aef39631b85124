using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Sales;

/// <summary>The sales pipeline's rules that do not depend on one opportunity: which stages are open and their default probabilities.</summary>
public static class OpportunityPipeline
{
    /// <summary>The chance of winning, in percent, that a stage implies unless a command says otherwise.</summary>
    public static int DefaultProbability(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Prospecting => 10,
        OpportunityStage.Qualification => 20,
        OpportunityStage.Proposal => 50,
        OpportunityStage.Negotiation => 80,
        OpportunityStage.Won => 100,
        _ => 0,
    };

    /// <summary>True for the stages an opportunity can be worked in; false for Won and Lost.</summary>
    public static bool IsOpen(OpportunityStage stage) =>
        stage is OpportunityStage.Prospecting or OpportunityStage.Qualification or OpportunityStage.Proposal or OpportunityStage.Negotiation;
}
