namespace CrmPlatform.Sdk.Customers;

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection
{
    /// <summary>From the customer to the business.</summary>
    Inbound = 0,

    /// <summary>From the business to the customer.</summary>
    Outbound = 1,
}
