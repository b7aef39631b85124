namespace CrmPlatform.Grains.Abstractions.Customers;

/// <summary>Where an outbound message stands.</summary>
[GenerateSerializer, Alias("crm.message-status")]
public enum MessageStatus
{
    /// <summary>Accepted by the platform, not yet handed to the provider.</summary>
    Requested = 0,

    /// <summary>The provider accepted it.</summary>
    Sent = 1,

    /// <summary>It reached the customer.</summary>
    Delivered = 2,

    /// <summary>The customer's address refused it.</summary>
    Bounced = 3,

    /// <summary>It will never go out.</summary>
    Failed = 4,
}
