namespace CrmPlatform.Sdk.Sales;

/// <summary>Where an opportunity stands in the sales pipeline.</summary>
public enum OpportunityStage
{
    /// <summary>A possible deal, not yet checked.</summary>
    Prospecting = 0,

    /// <summary>Need, budget and decision makers are being confirmed.</summary>
    Qualification = 1,

    /// <summary>An offer has been made.</summary>
    Proposal = 2,

    /// <summary>Terms are being negotiated.</summary>
    Negotiation = 3,

    /// <summary>The deal was won (closed).</summary>
    Won = 4,

    /// <summary>The deal was lost (closed; it may be reopened).</summary>
    Lost = 5,
}
