namespace CrmPlatform.Sdk.Channels;

/// <summary>What became of a sent message.</summary>
public enum ReceiptStatus
{
    /// <summary>It reached the recipient.</summary>
    Delivered,

    /// <summary>The recipient's address refused it (a bounce).</summary>
    Bounced,

    /// <summary>The provider gave up on it.</summary>
    Failed,
}
