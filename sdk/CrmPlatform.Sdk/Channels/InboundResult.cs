namespace CrmPlatform.Sdk.Channels;

/// <summary>What one webhook request carried.</summary>
/// <param name="Messages">Messages customers sent.</param>
/// <param name="Receipts">Delivery news about messages the platform sent.</param>
/// <param name="Response">What to answer the provider, or null for an empty 200.</param>
public sealed record InboundResult(
    IReadOnlyList<InboundMessage> Messages,
    IReadOnlyList<DeliveryReceipt> Receipts,
    InboundResponse? Response = null);
