namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>The insights the plugin writes onto customers (source <c>crm.analytics</c>).</summary>
public static class InsightNames
{
    /// <summary>Value tier: label <c>vip</c>, <c>key</c>, <c>ordinary</c> or <c>small</c>; value the customer's revenue.</summary>
    public const string ValueTier = "value-tier";

    /// <summary>RFM: label the code (<c>545</c>), value the sum of the three scores (3–15).</summary>
    public const string Rfm = "rfm";

    /// <summary>Historical lifetime value: contribution so far minus cost to serve.</summary>
    public const string ClvHistorical = "clv-historical";

    /// <summary>Predicted lifetime value: the contribution still expected.</summary>
    public const string ClvPredicted = "clv-predicted";

    /// <summary>Churn risk: value the probability (0–1), label the features that pushed it most.</summary>
    public const string ChurnRisk = "churn-risk";

    /// <summary>Written when churn risk crosses the threshold: label <c>above-threshold</c> or <c>below-threshold</c>, value the probability.</summary>
    public const string ChurnAlert = "churn-alert";

    /// <summary>The label of a churn alert for a customer whose risk reached the threshold.</summary>
    public const string AboveThreshold = "above-threshold";

    /// <summary>The label of a churn alert for a customer whose risk fell back below the threshold.</summary>
    public const string BelowThreshold = "below-threshold";

    /// <summary>Segment: value the segment id, label its plain-word description.</summary>
    public const string Segment = "segment";

    /// <summary>Next best offer: label the product (SKU) to offer, value the rule's confidence.</summary>
    public const string NextBestOffer = "next-best-offer";
}
