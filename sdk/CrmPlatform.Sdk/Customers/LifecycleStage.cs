namespace CrmPlatform.Sdk.Customers;

/// <summary>Where a customer stands in the relationship with the business.</summary>
public enum LifecycleStage
{
    /// <summary>A potential customer: known, but has not bought.</summary>
    Prospect = 0,

    /// <summary>Being won: in contact, first offers made.</summary>
    Acquisition = 1,

    /// <summary>Buying and growing in value.</summary>
    Growth = 2,

    /// <summary>An established, stable customer.</summary>
    Maturity = 3,

    /// <summary>Buying less or not at all; at risk of leaving.</summary>
    Decline = 4,

    /// <summary>The relationship has ended.</summary>
    Terminated = 5,
}
