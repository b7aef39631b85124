namespace CrmPlatform.Sdk.Channels;

/// <summary>News from the provider about a message the platform sent.</summary>
/// <param name="ProviderMessageId">The id <see cref="SendResult.Sent"/> returned for the message.</param>
/// <param name="Status">What became of it.</param>
/// <param name="Permanent">For a bounce or failure: the address will never work (a hard bounce), so the platform marks it invalid.</param>
/// <param name="Reason">The provider's reason, in words.</param>
/// <param name="OccurredAt">When the provider says it happened.</param>
public sealed record DeliveryReceipt(
    string ProviderMessageId,
    ReceiptStatus Status,
    bool Permanent,
    string? Reason,
    DateTimeOffset OccurredAt);
